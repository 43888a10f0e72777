import { chmodSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { databasePath } from "./config.ts";

/** A file or directory of the data directory that other local users could read. */
export interface WideMode {
  path: string;
  /** Its permission bits when the hub started, e.g. `0o644`. */
  mode: number;
  /** Whether the hub made it owner-only (files; never the directory, which the operator owns). */
  tightened: boolean;
}

/** The files the hub keeps in its data directory: report text, patient data, secrets. */
export function dataFiles(dataDir: string): string[] {
  const db = databasePath(dataDir);
  return [db, `${db}-wal`, `${db}-shm`, join(dataDir, "signing-secret"), join(dataDir, "demo-credentials.json")];
}

/**
 * Finds what in the data directory is open to group or others — a deployment from before files
 * were created private, or a directory made by hand — and makes the hub's own files 0600. The
 * directory itself is only reported: how it is shared (a mount, a backup group) is the operator's
 * decision. Run before the store opens, so the report shows the modes as they were.
 */
export function tightenDataFiles(dataDir: string): WideMode[] {
  const found: WideMode[] = [];
  const dirMode = statSync(dataDir).mode & 0o777;
  if (dirMode & 0o077) found.push({ path: dataDir, mode: dirMode, tightened: false });
  for (const path of dataFiles(dataDir)) {
    if (!existsSync(path)) continue;
    const mode = statSync(path).mode & 0o777;
    if (!(mode & 0o077)) continue;
    let tightened = true;
    try {
      chmodSync(path, 0o600);
    } catch {
      tightened = false;
    }
    found.push({ path, mode, tightened });
  }
  return found;
}

/** `0o644` as `"0644"`, as `ls` and `chmod` write it. */
export function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}
