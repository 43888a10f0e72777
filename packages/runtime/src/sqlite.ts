import { Database } from "bun:sqlite";
import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** One schema step: SQL text, or a function for steps SQL alone cannot express. */
export type Migration = string | ((db: Database) => void);

/** How to open a database. */
export interface OpenSqliteOptions {
  /** Applied in order; `PRAGMA user_version` records how many have run. Never edit a released one. */
  migrations: readonly Migration[];
  /**
   * How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
   * Waiting blocks the calling thread, so an event loop passes 0 and retries asynchronously; a
   * command-line tool may wait.
   */
  busyTimeoutMs: number;
  /** `FULL` syncs every commit (survives power loss); `NORMAL` syncs at checkpoints only. Default FULL. */
  synchronous?: "FULL" | "NORMAL";
  /** What the database is, for the "newer than this program" error. */
  owner: string;
}

/**
 * Opens (creating if needed) a SQLite file in WAL mode with foreign keys on, and brings its schema
 * up to date. The directory is created owner-only (0700) and the file 0600: these databases hold
 * health data and secrets.
 */
export function openSqlite(path: string, options: OpenSqliteOptions): Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path, { create: true, strict: true });
  if (path !== ":memory:") chmodSync(path, 0o600);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? "FULL"}`);
  db.exec("PRAGMA foreign_keys = ON");
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  try {
    migrate(db, options.migrations, options.owner);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies every migration the database has not seen yet, each in its own immediate transaction. */
export function migrate(db: Database, migrations: readonly Migration[], owner: string): void {
  const current = db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version ?? 0;
  if (current > migrations.length) {
    throw new Error(
      `the database schema (version ${current}) is newer than this ${owner} (${migrations.length}); upgrade ${owner}`,
    );
  }
  migrations.slice(current).forEach((step, i) => {
    db.transaction(() => {
      if (typeof step === "string") db.exec(step);
      else step(db);
      db.exec(`PRAGMA user_version = ${current + i + 1}`);
    }).immediate();
  });
}
