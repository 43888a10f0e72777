import type { Database } from "bun:sqlite";
import type { ClientReportStatus, TargetRef } from "@sofia/protocol";
import { OutboxRow } from "./rows.ts";
import type { ReportState } from "./states.ts";

// Which hub status a local state is reported as (v2 only; v1 has no statuses).
const HUB_STATUS: Partial<Record<ReportState, ClientReportStatus>> = {
  received: "received",
  held: "held",
  written: "written",
  dead: "failed",
};

/**
 * Queues the hub status for a report's new state, in the caller's transaction, so a state and the
 * status announcing it are committed together. States the hub does not hear about are skipped;
 * the status id is `<report id>:<status>`, so queueing the same status twice keeps one row.
 * `announce` names the status and its id instead (a person's decision on a held report). A report
 * held again after a person released it (Open Dental refused the chosen patient, say) gets a new
 * id, `<report id>:held-2`: the hub keeps one status per id and would drop a second `:held`.
 */
export function enqueueStatus(
  db: Database,
  reportId: string,
  state: ReportState,
  reason: string | null,
  target: TargetRef | null,
  at: string,
  announce?: { status: ClientReportStatus; statusId: string; reason?: string },
): void {
  const status = announce?.status ?? HUB_STATUS[state];
  if (!status) return;
  const statusId = announce?.statusId ?? `${reportId}:${status}${status === "held" ? heldAgain(db, reportId) : ""}`;
  db.query(
    `INSERT OR IGNORE INTO status_outbox (status_id, report_id, status, reason, target, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    statusId.slice(0, 64),
    reportId,
    status,
    (announce?.reason ?? reason)?.slice(0, 1000) ?? null,
    target && JSON.stringify(target),
    at,
  );
}

/** "" for a report's first hold; "-N" for its Nth, once a person has released an earlier one. */
function heldAgain(db: Database, reportId: string): string {
  const released = db
    .query("SELECT count(*) AS n FROM status_outbox WHERE report_id = ? AND status = 'received' AND status_id != ?")
    .get(reportId, `${reportId}:received`);
  const n = released && typeof released === "object" && "n" in released ? Number(released.n) : 0;
  return n > 0 ? `-${n + 1}` : "";
}

/** Statuses the hub has not confirmed yet, oldest first. */
export function pendingStatuses(db: Database): OutboxRow[] {
  const query = db.query(
    "SELECT status_id, report_id, status, reason, target FROM status_outbox WHERE acked_at IS NULL ORDER BY rowid",
  );
  return query.all().map((r) => OutboxRow.parse(r));
}

/** Marks a status as recorded by the hub (its `status_ack` arrived); it is not sent again. */
export function confirmStatus(db: Database, statusId: string, at: string): void {
  db.query("UPDATE status_outbox SET acked_at = ? WHERE status_id = ?").run(at, statusId);
}
