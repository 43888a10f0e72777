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
 * `announce` names the status and its id instead (a person's decision on a held report).
 */
export function enqueueStatus(
  db: Database,
  reportId: string,
  state: ReportState,
  reason: string | null,
  target: TargetRef | null,
  at: string,
  announce?: { status: ClientReportStatus; statusId: string },
): void {
  const status = announce?.status ?? HUB_STATUS[state];
  if (!status) return;
  db.query(
    `INSERT OR IGNORE INTO status_outbox (status_id, report_id, status, reason, target, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    (announce?.statusId ?? `${reportId}:${status}`).slice(0, 64),
    reportId,
    status,
    reason?.slice(0, 1000) ?? null,
    target && JSON.stringify(target),
    at,
  );
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
