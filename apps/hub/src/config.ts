import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "@sofia/cli";

/** Where the hub keeps its files: `--data-dir`, else `SOFIA_DATA_DIR`, else `./data`. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.SOFIA_DATA_DIR ?? "data");
}

/** The embedded store's file inside the data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, "hub.sqlite");
}

/**
 * The secret that signs download links: `SOFIA_SIGNING_SECRET` (set it on every node of a
 * cluster), else a random one generated once into `<dataDir>/signing-secret` (mode 0600).
 */
export function loadSigningSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SOFIA_SIGNING_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("SOFIA_SIGNING_SECRET must be at least 32 characters");
    return fromEnv;
  }
  const file = join(dataDir, "signing-secret");
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

export { parsePort } from "@sofia/cli";

/** Days an unacknowledged v2 delivery is kept (`--retention-days`, `SOFIA_RETENTION_DAYS`; default 30). */
export function parseRetentionDays(value: string | undefined): number {
  if (value === undefined || value === "") return 30;
  const days = Number(value);
  if (!Number.isFinite(days) || days <= 0 || days > 3650)
    throw new UsageError(`invalid retention "${value}" (days, 1-3650)`);
  return days;
}

/** Minutes a signed download link lives (`--link-ttl-minutes`, `SOFIA_LINK_TTL_MINUTES`; default 15). */
export function parseLinkTtlMinutes(value: string | undefined): number {
  if (value === undefined || value === "") return 15;
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > 7 * 24 * 60)
    throw new UsageError(`invalid link lifetime "${value}" (minutes, 1-10080)`);
  return minutes;
}

export { UsageError };
