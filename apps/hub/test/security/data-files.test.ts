import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databasePath } from "../../src/config.ts";
import { dataFiles } from "../../src/data-files.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { spawnHub } from "../support/hub-process.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
/** A data directory path that does not exist yet, under a fresh temporary root. */
function newDataDir(): string {
  const root = mkdtempSync(join(tmpdir(), "sofia-files-test-"));
  roots.push(root);
  return join(root, "data");
}
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The mode of every data file that exists, by file name. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of dataFiles(dir)) if (existsSync(path)) out[path.slice(dir.length + 1)] = modeOf(path).toString(8);
  return out;
}

describe("the hub's data files are private to its user", () => {
  test("the store creates its directory 0700 and the database, -wal and -shm 0600", async () => {
    const dir = newDataDir();
    const store = await openSqliteStore(databasePath(dir), { thread: "worker" });
    await store.directory.ensureClinic({ id: "c", name: "c", createdAt: "2026-01-01T00:00:00.000Z" });
    expect(modeOf(dir)).toBe(0o700);
    // While the store is open, the write-ahead log and shared-memory index exist: both hold data.
    expect(modes(dir)).toEqual({ "hub.sqlite": "600", "hub.sqlite-wal": "600", "hub.sqlite-shm": "600" });
    await store.close();
  });

  test("serve creates the data directory 0700 and every file in it 0600", async () => {
    const dir = newDataDir();
    const hub = await spawnHub(["--demo", "--data-dir", dir], /producer token/);
    try {
      expect(modeOf(dir).toString(8)).toBe("700");
      expect(modes(dir)).toEqual({
        "hub.sqlite": "600",
        "hub.sqlite-wal": "600",
        "hub.sqlite-shm": "600",
        "signing-secret": "600",
        "demo-credentials.json": "600",
      });
    } finally {
      hub.proc.kill("SIGTERM");
      await hub.proc.exited;
    }
  });

  test("at start, files other users could read are reported and made 0600; a wide directory is reported", async () => {
    const dir = newDataDir();
    const first = await spawnHub(["--demo", "--data-dir", dir], /producer token/);
    // A crash leaves -wal and -shm behind; then an older deployment's modes.
    first.proc.kill("SIGKILL");
    await first.proc.exited;
    chmodSync(dir, 0o755);
    for (const path of dataFiles(dir)) if (existsSync(path)) chmodSync(path, 0o644);
    expect(Object.values(modes(dir))).toContain("644");

    const second = await spawnHub(["--data-dir", dir]);
    second.proc.kill("SIGTERM");
    await second.proc.exited;
    const warnings = (await new Response(second.proc.stderr).text())
      .split("\n")
      .filter((line) => line.includes('"level":"warn"'))
      .map((line) => JSON.parse(line) as { msg: string; path: string; mode: string });
    const reported = Object.fromEntries(warnings.map((w) => [w.path.slice(dir.length + 1) || ".", w.mode]));
    expect(reported).toEqual({
      ".": "0755",
      "hub.sqlite": "0644",
      "hub.sqlite-wal": "0644",
      "hub.sqlite-shm": "0644",
      "signing-secret": "0644",
      "demo-credentials.json": "0644",
    });
    expect(warnings.find((w) => w.path === dir)?.msg).toContain("chmod 700");
    expect(Object.values(modes(dir)).every((mode) => mode === "600")).toBe(true);
    expect(modeOf(dir)).toBe(0o755); // the operator's to change
  });
});
