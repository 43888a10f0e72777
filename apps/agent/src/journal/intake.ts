import type { Database } from "bun:sqlite";
import type { ReportDelivery, ReportReadyData } from "@sofia/protocol";
import { saveCursor } from "./cursors.ts";
import { enqueueStatus } from "./outbox.ts";
import { recordTransition } from "./transitions.ts";

/** What recording a delivery did. */
export type Recorded = "new" | "duplicate";

/** Why a `report_expired` delivery is dead on arrival, as the status page shows it. */
const EXPIRED_REASON = "the report expired at the hub before this PC received it; ask for it to be sent again";

/**
 * Stores a v2 delivery and moves the cursor to its seq, in one transaction: the cursor never runs
 * ahead of what is journaled, and the hub is acknowledged only after this commit.
 */
export function recordDelivery(db: Database, delivery: ReportDelivery, credentialId: string, at: string): Recorded {
  return db.transaction(() => {
    const { report_id: id } = delivery.data;
    const result =
      delivery.event === "report_ready"
        ? insertReport(db, id, "v2", delivery.seq, JSON.stringify(delivery.data), at)
        : insertExpired(db, id, delivery.seq, at);
    saveCursor(db, credentialId, delivery.seq);
    return result;
  })();
}

/** Stores a v1 `report_ready` (v1 has no seq and no acknowledgement). */
export function recordV1(db: Database, report: ReportReadyData, at: string): Recorded {
  return db.transaction(() => insertReport(db, report.report_id, "v1", null, JSON.stringify(report), at))();
}

/**
 * Stores a `report_ready` as `received`, with its content (and, for v2, the `received` status for
 * the hub). A report id already in the journal is not stored again: it is counted as a duplicate,
 * which is how resends after a lost acknowledgement (v2) or a reconnect (v1) are recognised.
 */
function insertReport(
  db: Database,
  reportId: string,
  protocol: "v1" | "v2",
  seq: number | null,
  content: string,
  at: string,
): Recorded {
  if (bumpDuplicate(db, reportId)) return "duplicate";
  db.query(
    `INSERT INTO reports (report_id, event, protocol, seq, state, content, received_at, updated_at)
     VALUES (?, 'report_ready', ?, ?, 'received', ?, ?, ?)`,
  ).run(reportId, protocol, seq, content, at, at);
  recordTransition(db, reportId, null, "received", null, at);
  if (protocol === "v2") enqueueStatus(db, reportId, "received", null, null, at);
  return "new";
}

/** Stores a v2 `report_expired` straight as `dead`: there is no content to write. */
function insertExpired(db: Database, reportId: string, seq: number, at: string): Recorded {
  if (bumpDuplicate(db, reportId)) return "duplicate";
  db.query(
    `INSERT INTO reports (report_id, event, protocol, seq, state, reason, received_at, updated_at)
     VALUES (?, 'report_expired', 'v2', ?, 'dead', ?, ?, ?)`,
  ).run(reportId, seq, EXPIRED_REASON, at, at);
  recordTransition(db, reportId, null, "dead", EXPIRED_REASON, at);
  return "new";
}

/** Counts another arrival of a known report; `false` when the report is new to the journal. */
function bumpDuplicate(db: Database, reportId: string): boolean {
  return db.query("UPDATE reports SET duplicates = duplicates + 1 WHERE report_id = ?").run(reportId).changes > 0;
}
