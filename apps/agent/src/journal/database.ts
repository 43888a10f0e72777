import type { Database } from "bun:sqlite";
import { openSqlite } from "@sofia/runtime/sqlite";
import { MIGRATIONS } from "./migrations.ts";

/**
 * Opens (creating if needed) the journal's SQLite file with its schema up to date. WAL with
 * `synchronous = FULL` makes a committed transaction survive a power cut, which is what lets the
 * agent acknowledge a delivery right after the commit; the busy timeout lets `sofia-agent status`
 * read the file while the running agent writes it (the agent's transactions are short). A journal
 * written by a newer agent is refused rather than misread.
 */
export function openDatabase(file: string): Database {
  return openSqlite(file, { migrations: MIGRATIONS, busyTimeoutMs: 5000, owner: "sofia-agent" });
}
