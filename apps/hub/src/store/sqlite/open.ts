import type { Database } from "bun:sqlite";
import { openSqlite } from "@sofia/runtime/sqlite";
import { reportEffects } from "../../services/report-effects.ts";
import { sqliteAgents } from "./agents.ts";
import { sqliteAudit } from "./audit.ts";
import { sqliteCredentials } from "./credentials.ts";
import { sqliteDirectory } from "./directory.ts";
import { mailboxAppender, sqliteMailbox } from "./mailbox.ts";
import { MIGRATIONS } from "./migrations.ts";
import { sqliteNotifications } from "./notifications.ts";
import { sqliteReports } from "./reports.ts";
import { SqliteRunner } from "./runner.ts";
import { sqliteStats } from "./stats.ts";
import type { SyncStore } from "./sync-store.ts";
import { sqliteTimeline } from "./timeline.ts";
import { sqliteUsers } from "./users.ts";
import { sqliteWebhooks } from "./webhooks.ts";

/**
 * Opens the hub's database and assembles the synchronous store over it. This is the composition
 * root of whichever thread owns the connection: it gives the store the hub's one rule for what an
 * event does to a report (`services/report-effects.ts`). `busyTimeoutMs` is 0 on a server, whose
 * scheduler retries without blocking; a command-line tool may wait.
 */
export function openSyncStore(
  path: string,
  busyTimeoutMs: number,
): { db: Database; store: SyncStore; runner: SqliteRunner } {
  const db = openSqlite(path, { migrations: MIGRATIONS, busyTimeoutMs, owner: "sofia-hub" });
  const append = sqliteTimeline(db, reportEffects);
  const store: SyncStore = {
    directory: sqliteDirectory(db),
    credentials: sqliteCredentials(db),
    reports: sqliteReports(db, append, mailboxAppender(db)),
    mailbox: sqliteMailbox(db, append),
    agents: sqliteAgents(db),
    webhooks: sqliteWebhooks(db, append),
    audit: sqliteAudit(db),
    notifications: sqliteNotifications(db, mailboxAppender(db)),
    users: sqliteUsers(db),
    stats: sqliteStats(db),
  };
  return { db, store, runner: new SqliteRunner(db, store) };
}
