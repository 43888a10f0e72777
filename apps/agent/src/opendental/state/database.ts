import type { Database } from "bun:sqlite";
import { type Migration, openSqlite } from "@sofia/runtime/sqlite";

/** The schema of `opendental.sqlite`: numbered steps, recorded in PRAGMA user_version. */
const MIGRATIONS: readonly Migration[] = [
  // Who each workstation had selected, per source, as a history: a row is closed (`until_ms`) when
  // the next patient is selected there. Times are this PC's clock.
  `CREATE TABLE selections (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     source TEXT NOT NULL,
     workstation TEXT NOT NULL,
     pat_num INTEGER NOT NULL,
     since_ms INTEGER NOT NULL,
     until_ms INTEGER
   );
   CREATE INDEX selections_open ON selections (source, workstation, until_ms);
   CREATE INDEX selections_recent ON selections (until_ms, since_ms);
   -- One Open Dental target per report and what has been done there, step by step, so a retry or a
   -- restart resumes (or looks for the effect of a write whose answer was lost) instead of writing again.
   CREATE TABLE ledger (
     report_id TEXT NOT NULL,
     system TEXT NOT NULL,
     pat_num INTEGER NOT NULL,
     prov_num INTEGER NOT NULL,
     kind TEXT NOT NULL,
     step TEXT NOT NULL,
     apt_num INTEGER,
     proc_num INTEGER,
     note_num INTEGER,
     commlog_num INTEGER,
     doc TEXT,
     doc_num INTEGER,
     read_back TEXT,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (report_id, system)
   );
   -- Every decision about a report: what was decided, on which rule, from which source, with which ids.
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     report_id TEXT NOT NULL,
     decision TEXT NOT NULL,
     code TEXT,
     pat_num INTEGER,
     source TEXT,
     place TEXT,
     rule TEXT NOT NULL,
     detail TEXT
   );
   CREATE INDEX audit_report ON audit (report_id);`,
];

/**
 * Opens `opendental.sqlite` (WAL, `synchronous = FULL`, 0600): a ledger step is committed before
 * the Open Dental request it announces is sent, so a crash can never lose the fact that a write may
 * have happened. Kept apart from the journal, which knows nothing of Open Dental.
 */
export function openOdState(file: string): Database {
  return openSqlite(file, { migrations: MIGRATIONS, busyTimeoutMs: 5000, owner: "sofia-agent" });
}
