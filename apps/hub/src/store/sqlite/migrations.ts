import type { Migration } from "@sofia/runtime/sqlite";

/**
 * Schema migrations, applied in order. `PRAGMA user_version` records how many have run. Never edit
 * a released migration: append a new one.
 */
export const MIGRATIONS: readonly Migration[] = [
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
  // 4: one delivery engine. Mailboxes belong to any recipient (`doctor:<id>` now, users later) and
  // hold any event with its finished payload, made once at publish. v1 sockets become consumers
  // `v1:<doctor>` with a cursor, replacing reports.v1_sent_at: a doctor who has used v1 resumes at
  // the first report v1 never sent. Agents record what their client says it can take.
  `CREATE TABLE mailbox_heads_v4 (recipient TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
   INSERT INTO mailbox_heads_v4 SELECT 'doctor:' || doctor_id, last_seq FROM mailbox_heads;
   CREATE TABLE mailbox_v4 (
     recipient TEXT NOT NULL,
     seq INTEGER NOT NULL,
     id TEXT NOT NULL UNIQUE,
     clinic_id TEXT NOT NULL REFERENCES clinics(id),
     event TEXT NOT NULL,
     report_id TEXT REFERENCES reports(id),
     payload TEXT,
     created_ms INTEGER NOT NULL,
     expired_at TEXT,
     PRIMARY KEY (recipient, seq)
   ) WITHOUT ROWID;
   INSERT INTO mailbox_v4 (recipient, seq, id, clinic_id, event, report_id, payload, created_ms, expired_at)
     SELECT 'doctor:' || m.doctor_id, m.seq, m.id, r.clinic_id, 'report_ready', m.report_id, NULL, m.created_ms,
            m.expired_at
     FROM mailbox m JOIN reports r ON r.id = m.report_id;
   CREATE TABLE cursors_v4 (
     consumer_id TEXT PRIMARY KEY,
     recipient TEXT NOT NULL,
     acked_seq INTEGER NOT NULL,
     updated_at TEXT NOT NULL
   );
   INSERT INTO cursors_v4 SELECT consumer_id, 'doctor:' || doctor_id, acked_seq, updated_at FROM cursors;
   INSERT INTO cursors_v4 (consumer_id, recipient, acked_seq, updated_at)
     SELECT 'v1:' || h.doctor_id, 'doctor:' || h.doctor_id,
            COALESCE((SELECT MIN(m.seq) - 1 FROM mailbox m JOIN reports r ON r.id = m.report_id
                      WHERE m.doctor_id = h.doctor_id AND r.v1_sent_at IS NULL), h.last_seq),
            strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     FROM mailbox_heads h
     WHERE EXISTS (SELECT 1 FROM reports r WHERE r.doctor_id = h.doctor_id AND r.v1_sent_at IS NOT NULL);
   DROP TABLE mailbox;
   DROP TABLE cursors;
   DROP TABLE mailbox_heads;
   DROP INDEX IF EXISTS reports_v1_pending;
   ALTER TABLE mailbox_heads_v4 RENAME TO mailbox_heads;
   ALTER TABLE mailbox_v4 RENAME TO mailbox;
   ALTER TABLE cursors_v4 RENAME TO cursors;
   CREATE INDEX mailbox_unexpired ON mailbox(created_ms) WHERE expired_at IS NULL;
   CREATE INDEX cursors_by_recipient ON cursors(recipient);
   ALTER TABLE agents ADD COLUMN client_name TEXT;
   ALTER TABLE agents ADD COLUMN client_version TEXT;
   ALTER TABLE agents ADD COLUMN capabilities TEXT;
   ALTER TABLE agents ADD COLUMN last_seen_at TEXT;
   CREATE TABLE store_sync (id INTEGER PRIMARY KEY CHECK (id = 1), at_ms INTEGER NOT NULL);
   INSERT INTO store_sync (id, at_ms) VALUES (1, 0);`,
  // 5: care-team users. A clinic may accept its users' JWTs (user_auth); the hub remembers the users
  // it has seen (to fan role and clinic notifications out to their inboxes); a mailbox item keeps
  // the room it was addressed to (the policy is applied again at delivery); notifications are
  // recorded for de-duplication; inbox items have a read state per user.
  `ALTER TABLE clinics ADD COLUMN user_auth TEXT;
   CREATE TABLE users (
     clinic_id TEXT NOT NULL REFERENCES clinics(id),
     user_id TEXT NOT NULL,
     role TEXT NOT NULL,
     first_seen_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     PRIMARY KEY (clinic_id, user_id)
   ) WITHOUT ROWID;
   CREATE INDEX users_by_role ON users(clinic_id, role);
   ALTER TABLE mailbox ADD COLUMN room TEXT;
   CREATE TABLE notifications (
     id TEXT PRIMARY KEY,
     clinic_id TEXT NOT NULL REFERENCES clinics(id),
     producer_id TEXT NOT NULL,
     room TEXT NOT NULL,
     event TEXT NOT NULL,
     dedupe_key TEXT,
     created_at TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     recipients INTEGER NOT NULL
   );
   CREATE INDEX notifications_dedupe ON notifications(producer_id, room, dedupe_key, created_ms)
     WHERE dedupe_key IS NOT NULL;
   CREATE TABLE inbox_reads (
     recipient TEXT NOT NULL,
     seq INTEGER NOT NULL,
     read_at TEXT NOT NULL,
     PRIMARY KEY (recipient, seq)
   ) WITHOUT ROWID;`,
  // 6: counting a report's client statuses (there is a limit) without scanning them all; the web
  // origins whose pages may connect for a clinic (none until an operator names them).
  `CREATE INDEX client_statuses_by_report ON client_statuses(report_id);
   ALTER TABLE clinics ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '[]';`,
  // 7: what GET /metrics reads at every scrape: the last day's reports, and those held now.
  `CREATE INDEX reports_by_created ON reports(created_ms);
   CREATE INDEX reports_held ON reports(id) WHERE status = 'held';`,
];
