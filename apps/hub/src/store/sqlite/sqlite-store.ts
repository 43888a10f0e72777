import type { HubStore } from "../store.ts";
import { sqliteAudit } from "./audit.ts";
import { sqliteCredentials } from "./credentials.ts";
import { sqliteDirectory } from "./directory.ts";
import { openDatabase } from "./open.ts";
import { sqliteReports } from "./reports.ts";

/** The embedded store: one SQLite file (WAL) holding everything, for a single hub node. */
export function openSqliteStore(path: string): HubStore {
  const db = openDatabase(path);
  return {
    directory: sqliteDirectory(db),
    credentials: sqliteCredentials(db),
    reports: sqliteReports(db),
    audit: sqliteAudit(db),
    async close() {
      db.close();
    },
  };
}
