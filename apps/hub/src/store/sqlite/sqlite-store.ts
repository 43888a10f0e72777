import type { HubStore } from "../store.ts";
import { sqliteAgents } from "./agents.ts";
import { sqliteAudit } from "./audit.ts";
import { sqliteCredentials } from "./credentials.ts";
import { sqliteDirectory } from "./directory.ts";
import { sqliteMailbox } from "./mailbox.ts";
import { openDatabase } from "./open.ts";
import { sqliteReports } from "./reports.ts";
import { sqliteTimeline } from "./timeline.ts";
import { sqliteWebhooks } from "./webhooks.ts";

/** The embedded store: one SQLite file (WAL) holding everything, for a single hub node. */
export function openSqliteStore(path: string): HubStore {
  const db = openDatabase(path);
  const append = sqliteTimeline(db);
  const reports = sqliteReports(db, append);
  return {
    directory: sqliteDirectory(db),
    credentials: sqliteCredentials(db),
    reports,
    mailbox: sqliteMailbox(db, append, reports.getSync),
    agents: sqliteAgents(db),
    webhooks: sqliteWebhooks(db, append),
    audit: sqliteAudit(db),
    async close() {
      db.close();
    },
  };
}
