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
