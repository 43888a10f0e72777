import type { Database } from "bun:sqlite";

/**
 * Schema migrations, applied in order. `PRAGMA user_version` records how many have run. Never edit
 * a released migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE clinics (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE doctors (
     id TEXT PRIMARY KEY,
     clinic_id TEXT NOT NULL REFERENCES clinics(id),
     name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE credentials (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     hash TEXT NOT NULL,
     doctor_id TEXT REFERENCES doctors(id),
     clinic_id TEXT REFERENCES clinics(id),
     name TEXT NOT NULL,
     scopes TEXT NOT NULL,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE INDEX credentials_by_doctor ON credentials(doctor_id);
   CREATE TABLE revocations (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     credential_id TEXT NOT NULL REFERENCES credentials(id),
     at TEXT NOT NULL
   );
   CREATE TABLE reports (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     doctor_id TEXT NOT NULL REFERENCES doctors(id),
     clinic_id TEXT NOT NULL REFERENCES clinics(id),
     content TEXT NOT NULL,
     patient TEXT,
     status TEXT NOT NULL,
     producer_id TEXT NOT NULL,
     idempotency_key TEXT,
     created_at TEXT NOT NULL
   );
   CREATE UNIQUE INDEX reports_idempotency ON reports(producer_id, idempotency_key)
     WHERE idempotency_key IS NOT NULL;
   CREATE INDEX reports_pending ON reports(doctor_id, seq) WHERE status = 'stored';
   CREATE TABLE report_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     report_id TEXT NOT NULL REFERENCES reports(id),
     at TEXT NOT NULL,
     type TEXT NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE INDEX report_events_by_report ON report_events(report_id, id);
   CREATE TABLE audit_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     subject TEXT,
     clinic_id TEXT,
     detail TEXT NOT NULL
   );`,
  // Protocol v2: a durable mailbox per doctor with strictly increasing seq, a cursor per consumer,
  // agents and their enrollment, idempotent client statuses, and a transactional webhook outbox.
  `ALTER TABLE clinics ADD COLUMN allow_multiple_agents INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE credentials ADD COLUMN agent_id TEXT;
   ALTER TABLE reports ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE reports ADD COLUMN v1_sent_at TEXT;
   UPDATE reports SET v1_sent_at = created_at WHERE status <> 'stored';
   DROP INDEX reports_pending;
   CREATE INDEX reports_v1_pending ON reports(doctor_id, seq) WHERE v1_sent_at IS NULL;
   CREATE TABLE agents (
     id TEXT PRIMARY KEY,
     clinic_id TEXT NOT NULL REFERENCES clinics(id),
     doctor_id TEXT NOT NULL REFERENCES doctors(id),
     name TEXT NOT NULL,
     hostname TEXT,
     os TEXT,
     version TEXT,
     created_at TEXT NOT NULL
   );
   CREATE TABLE enrollment_codes (
     hash TEXT PRIMARY KEY,
     clinic_id TEXT NOT NULL REFERENCES clinics(id),
     doctor_id TEXT NOT NULL REFERENCES doctors(id),
     created_at TEXT NOT NULL,
     expires_ms INTEGER NOT NULL,
     used_at TEXT,
     agent_id TEXT
   );
   CREATE TABLE mailbox_heads (
     doctor_id TEXT PRIMARY KEY REFERENCES doctors(id),
     last_seq INTEGER NOT NULL
   );
   CREATE TABLE mailbox (
     doctor_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     id TEXT NOT NULL UNIQUE,
     report_id TEXT NOT NULL REFERENCES reports(id),
     created_ms INTEGER NOT NULL,
     expired_at TEXT,
     PRIMARY KEY (doctor_id, seq)
   ) WITHOUT ROWID;
   CREATE INDEX mailbox_unexpired ON mailbox(created_ms) WHERE expired_at IS NULL;
   CREATE TABLE cursors (
     consumer_id TEXT PRIMARY KEY,
     doctor_id TEXT NOT NULL REFERENCES doctors(id),
     acked_seq INTEGER NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE client_statuses (
     consumer_id TEXT NOT NULL,
     status_id TEXT NOT NULL,
     report_id TEXT NOT NULL REFERENCES reports(id),
     status TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (consumer_id, status_id)
   ) WITHOUT ROWID;
   CREATE TABLE webhooks (
     credential_id TEXT PRIMARY KEY REFERENCES credentials(id),
     url TEXT NOT NULL,
     secret TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE webhook_outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL UNIQUE,
     credential_id TEXT NOT NULL,
     report_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_ms INTEGER NOT NULL,
     done_at TEXT,
     last_error TEXT
   );
   CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_ms) WHERE done_at IS NULL;`,
  // 3: report language, visit date and stored renderings; revocable links; clinic layouts.
  `ALTER TABLE reports ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
   ALTER TABLE reports ADD COLUMN visit_date TEXT;
   UPDATE reports SET visit_date = substr(created_at, 1, 10);
   ALTER TABLE reports ADD COLUMN renderings TEXT;
   ALTER TABLE reports ADD COLUMN links_revoked_at TEXT;
   ALTER TABLE clinics ADD COLUMN report_layout TEXT NOT NULL DEFAULT '{}';`,
];

/** Applies every migration the database has not seen yet, each in its own transaction. */
export function migrate(db: Database): void {
  const row = db.query<{ user_version: number }, []>("PRAGMA user_version").get();
  const current = row?.user_version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database schema (version ${current}) is newer than this sofia-hub (${MIGRATIONS.length}); upgrade sofia-hub`,
    );
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${current + i + 1}`);
    })();
  });
}
