import type { ReportEventType, ReportStatus } from "@sofia/protocol";

const RANK: Record<ReportStatus, number> = {
  stored: 0,
  sent: 1,
  expired: 1,
  acknowledged: 2,
  received: 3,
  held: 4,
  failed: 4,
  written: 5,
};

/**
 * A report's status after a timeline event. Status only moves forward (a late `sent` from a
 * second client does not undo `written`); `held` and `failed` may follow each other, and
 * `expired` applies only to reports no client has acknowledged. Every store implementation uses
 * this one rule.
 */
export function nextStatus(current: ReportStatus, event: ReportEventType): ReportStatus {
  if (event === "stored" || event === "webhook_delivered" || event === "webhook_failed") return current;
  if (event === "expired") return RANK[current] < RANK.acknowledged ? "expired" : current;
  return RANK[event] >= RANK[current] ? event : current;
}
