import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** The per-install secret of the status page, created once (mode 0600). */
export function loadStatusSecret(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(24).toString("base64url"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const secret = readFileSync(file, "utf8").trim();
  if (!/^[A-Za-z0-9_-]{32}$/.test(secret))
    throw new Error(`${file} is not a status-page secret; delete it to make a new one`);
  return secret;
}

/** Compares in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
