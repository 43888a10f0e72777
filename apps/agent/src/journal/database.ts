import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrate } from "./migrations.ts";

/**
 * Opens (creating if needed) the journal's SQLite file with its schema up to date. WAL with
 * `synchronous = FULL` makes a committed transaction survive a power cut, which is what lets the
 * agent acknowledge a delivery right after the commit; the busy timeout lets `sofia-agent status`
 * read the file while the running agent writes it.
 */
export function openDatabase(file: string): Database {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { create: true, strict: true });
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
  migrate(db);
  return db;
}
