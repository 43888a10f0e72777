import { existsSync } from "node:fs";

/**
 * Whether this run is CI's: `.ci/run` installs or starts every program and service the tests use
 * (LibreOffice, Chromium, Wine, MinGW, systemd's tools, MariaDB), so there a missing one is a
 * broken CI machine, not a reason to skip.
 */
export const inCI = process.env.CI === "true" || process.env.CI === "1";

/** Something tests need from the machine, and whether this machine has it. */
export interface Need {
  /** Skip the tests that need it: only outside CI, and only when it is missing. */
  readonly skip: boolean;
  /** Throws when it is missing (call first in the tests or their setup): in CI the tests then fail, saying why. */
  check(): void;
}

/**
 * Declares that some tests need `name`. When `missing` is null it is here and they run. When it
 * is missing, outside CI they are skipped with a one-line notice (printed once); in CI
 * (`CI=true`) they run and fail at {@link Need.check} with the same words, because a test that
 * skips in CI is a test that does not exist.
 *
 * @param missing why it is missing (e.g. "wine64 not installed"), or null when it is available
 * @param install how to get it, for the notice (e.g. "apt-get install -y chromium")
 */
export function need(name: string, missing: string | null, install: string): Need {
  const message = missing === null ? "" : `${name} is needed but ${missing} (${install})`;
  if (missing !== null && !inCI) console.log(`skipping the tests that need ${name}: ${missing} (${install})`);
  return {
    skip: missing !== null && !inCI,
    check() {
      if (missing !== null) throw new Error(`${message}; CI's .ci/run provides it, so this fails instead of skipping`);
    },
  };
}

/** A program on PATH (or at one of `paths`), as a {@link Need} plus its resolved path. */
export function needProgram(name: string, candidates: readonly string[], install: string): Need & { path: string } {
  const path = candidates
    .map((c) => (c.startsWith("/") ? (existsSync(c) ? c : null) : Bun.which(c)))
    .find((p): p is string => p !== null);
  const found = need(name, path ? null : `${candidates.join(" / ")} not found`, install);
  return { ...found, path: path ?? candidates[0] ?? name };
}
