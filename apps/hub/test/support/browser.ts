import { needProgram } from "@sofia/testing";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium, which `.ci/run` installs: tests skip without it outside CI and fail without it in CI. */
export const CHROMIUM = needProgram(
  "Chromium",
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"],
  "apt-get install -y chromium",
);

/**
 * Launches headless Chromium with the flags this closed network needs (no background
 * networking, no component updates), as root-safe (`--no-sandbox`).
 */
export function launchChromium(): Promise<Browser> {
  CHROMIUM.check();
  return chromium.launch({
    executablePath: CHROMIUM.path,
    // A loaded CI machine can take long to start a browser; the default 30 s is the floor.
    timeout: 60_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
