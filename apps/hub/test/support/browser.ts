import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium, which `.ci/run` installs; null when this machine has none. */
export const CHROMIUM_PATH = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ?? null;

/**
 * Launches headless Chromium with the flags this closed network needs (no background
 * networking, no component updates), as root-safe (`--no-sandbox`).
 */
export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error("Chromium is not installed");
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
