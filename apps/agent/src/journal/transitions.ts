import type { Database } from "bun:sqlite";
import type { ClientReportStatus, TargetRef } from "@sofia/protocol";
import { enqueueStatus } from "./outbox.ts";
import { readRow } from "./queries.ts";
import { type JournalEntry, TransitionRow, toEntry } from "./rows.ts";
import { canMove, IllegalTransition, type ReportState } from "./states.ts";

/** Options of a move. */
export interface MoveOptions {
  reason?: string | null;
  target?: TargetRef | null;
  /** When a `failed` report is due again. */
  nextAttemptMs?: number | null;
  /** Count this move as an attempt (binding or writing was tried). */
  attempt?: boolean;
  /**
   * Tell the hub about this move as `status` under `statusId` instead of the state's own status
   * (v2 only). The hub keeps one status per id, and a held report's `<report>:held` was sent
   * already: a person's decision on it needs an id of its own to reach the timeline.
   */
  announce?: { status: ClientReportStatus; statusId: string; reason?: string };
  /**
   * Move only if the report is still in `state` after exactly `moves` moves (what a person's form
   * showed), checked inside the transaction: a decision made on a page that has since gone stale
   * is refused with {@link IllegalTransition}, whoever else moved the report meanwhile.
   */
  expect?: { state: ReportState; moves: number };
}

/** Appends one move to a report's history (`from` is `null` for its arrival). */
export function recordTransition(
  db: Database,
  reportId: string,
  from: ReportState | null,
  to: ReportState,
  reason: string | null,
  at: string,
): void {
  db.query("INSERT INTO transitions (report_id, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?)").run(
    reportId,
    from,
    to,
    reason,
    at,
  );
}

/**
 * Moves a report along the state machine in one transaction: its row, its history and (v2) the
 * status for the hub. Entering `written` drops the content, so the PC keeps no health data it no
 * longer needs. Throws {@link IllegalTransition} for a move the state machine forbids.
 */
export function moveReport(db: Database, reportId: string, to: ReportState, options: MoveOptions, at: string) {
  return db.transaction((): JournalEntry => {
    const row = readRow(db, reportId);
    if (!row) throw new Error(`no report ${reportId} in the journal`);
    if (!canMove(row.state, to)) throw new IllegalTransition(reportId, row.state, to);
    if (options.expect && (row.state !== options.expect.state || countMoves(db, reportId) !== options.expect.moves))
      throw new IllegalTransition(reportId, row.state, to);
    // `undefined` keeps the target the report already has; `null` clears it.
    const target = options.target === undefined ? row.target : options.target && JSON.stringify(options.target);
    const reason = options.reason ?? null;
    db.query(
      `UPDATE reports SET state = ?, reason = ?, target = ?, next_attempt_ms = ?, updated_at = ?,
         attempts = attempts + ?, content = CASE WHEN ? = 'written' THEN NULL ELSE content END
       WHERE report_id = ?`,
    ).run(to, reason, target, options.nextAttemptMs ?? null, at, options.attempt ? 1 : 0, to, reportId);
    recordTransition(db, reportId, row.state, to, reason, at);
    if (row.protocol === "v2") enqueueStatus(db, reportId, to, reason, options.target ?? null, at, options.announce);
    const updated = readRow(db, reportId);
    if (!updated) throw new Error(`report ${reportId} vanished`);
    return toEntry(updated);
  })();
}

/** A report's moves, oldest first. */
export function readHistory(db: Database, reportId: string): TransitionRow[] {
  const rows = db.query("SELECT from_state, to_state, reason, at FROM transitions WHERE report_id = ? ORDER BY id");
  return rows.all(reportId).map((r) => TransitionRow.parse(r));
}

function countMoves(db: Database, reportId: string): number {
  const row = db.query("SELECT count(*) AS n FROM transitions WHERE report_id = ?").get(reportId);
  return row && typeof row === "object" && "n" in row ? Number(row.n) : 0;
}
