import type { Migration } from "@sofia/runtime/sqlite";

/** The journal's schema: numbered steps applied in order and recorded in PRAGMA user_version. */
export const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE reports (
     report_id TEXT PRIMARY KEY,
     event TEXT NOT NULL,
     protocol TEXT NOT NULL,
     seq INTEGER,
     state TEXT NOT NULL,
     content TEXT,
     target TEXT,
     reason TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_ms INTEGER,
     duplicates INTEGER NOT NULL DEFAULT 0,
     received_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX reports_due ON reports (state, next_attempt_ms);
   CREATE INDEX reports_recent ON reports (received_at);
   CREATE TABLE cursors (credential_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
   CREATE TABLE transitions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     report_id TEXT NOT NULL,
     from_state TEXT,
     to_state TEXT NOT NULL,
     reason TEXT,
     at TEXT NOT NULL
   );
   CREATE INDEX transitions_report ON transitions (report_id);
   CREATE TABLE status_outbox (
     status_id TEXT PRIMARY KEY,
     report_id TEXT NOT NULL,
     status TEXT NOT NULL,
     reason TEXT,
     target TEXT,
     created_at TEXT NOT NULL,
     acked_at TEXT
   );`,
];
