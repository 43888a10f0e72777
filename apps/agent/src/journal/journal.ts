import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type ClientReportStatus, ReportReadyData, type TargetRef, type V2Deliver } from "@sofia/protocol";
import { migrate } from "./migrations.ts";
import { type JournalEntry, OutboxRow, ReportRow, TransitionRow, toEntry } from "./rows.ts";
import { canMove, IllegalTransition, type ReportState } from "./states.ts";

/** What recording a delivery did. */
export type Recorded = "new" | "duplicate";

/** Options of a move. */
export interface MoveOptions {
  reason?: string | null;
  target?: TargetRef | null;
  /** When a `failed` report is due again. */
  nextAttemptMs?: number | null;
  /** Count this move as an attempt (binding or writing was tried). */
  attempt?: boolean;
}

// Which hub status a local state is reported as (v2 only; v1 has no statuses).
const HUB_STATUS: Partial<Record<ReportState, ClientReportStatus>> = {
  received: "received",
  held: "held",
  written: "written",
  dead: "failed",
};

/**
 * The agent's durable journal (bun:sqlite, WAL, `synchronous = FULL`). Every delivery is committed
 * here, together with the v2 cursor, before the hub is acknowledged; reports then move through
 * the state machine of `states.ts`. Content is dropped when a report is written, so the PC does not
 * accumulate health data.
 */
export class Journal {
  private constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  /** Opens (creating if needed) the journal file. */
  static open(file: string, now: () => number = Date.now): Journal {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { create: true, strict: true });
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
    migrate(db);
    return new Journal(db, now);
  }

  /** The v2 cursor kept for a credential (its public id): the last seq safely journaled. */
  cursor(credentialId: string): number {
    const row = this.db.query("SELECT seq FROM cursors WHERE credential_id = ?").get(credentialId);
    return row && typeof row === "object" && "seq" in row && typeof row.seq === "number" ? row.seq : 0;
  }

  saveCursor(credentialId: string, seq: number): void {
    this.db
      .query("INSERT INTO cursors (credential_id, seq) VALUES (?, ?) ON CONFLICT DO UPDATE SET seq = excluded.seq")
      .run(credentialId, seq);
  }

  /** Stores a v2 delivery and moves the cursor to its seq, in one transaction. */
  recordDelivery(delivery: V2Deliver, credentialId: string): Recorded {
    return this.db.transaction(() => {
      const result =
        delivery.event === "report_ready"
          ? this.insert(delivery.data.report_id, "report_ready", "v2", delivery.seq, JSON.stringify(delivery.data))
          : this.insertExpired(delivery.data.report_id, delivery.seq);
      this.saveCursor(credentialId, delivery.seq);
      return result;
    })();
  }

  /** Stores a v1 `report_ready` (v1 has no seq and no acknowledgement). */
  recordV1(report: ReportReadyData): Recorded {
    return this.db.transaction(() =>
      this.insert(report.report_id, "report_ready", "v1", null, JSON.stringify(report)),
    )();
  }

  /** Moves a report along the state machine; throws {@link IllegalTransition} for a forbidden move. */
  move(reportId: string, to: ReportState, options: MoveOptions = {}): JournalEntry {
    return this.db.transaction(() => {
      const row = this.row(reportId);
      if (!row) throw new Error(`no report ${reportId} in the journal`);
      if (!canMove(row.state, to)) throw new IllegalTransition(reportId, row.state, to);
      const at = new Date(this.now()).toISOString();
      const target = options.target === undefined ? row.target : options.target && JSON.stringify(options.target);
      this.db
        .query(
          `UPDATE reports SET state = ?, reason = ?, target = ?, next_attempt_ms = ?, updated_at = ?,
             attempts = attempts + ?, content = CASE WHEN ? = 'written' THEN NULL ELSE content END
           WHERE report_id = ?`,
        )
        .run(
          to,
          options.reason ?? null,
          target,
          options.nextAttemptMs ?? null,
          at,
          options.attempt ? 1 : 0,
          to,
          reportId,
        );
      this.transition(reportId, row.state, to, options.reason ?? null, at);
      if (row.protocol === "v2") this.enqueueStatus(reportId, to, options.reason ?? null, options.target ?? null, at);
      const updated = this.row(reportId);
      if (!updated) throw new Error(`report ${reportId} vanished`);
      return toEntry(updated);
    })();
  }

  /** Reports to process now: freshly received ones, and failed ones whose retry time has come. */
  due(nowMs: number, limit = 20): JournalEntry[] {
    return this.rows(
      `SELECT * FROM reports WHERE state = 'received' OR (state = 'failed' AND next_attempt_ms <= ?)
       ORDER BY received_at, rowid LIMIT ?`,
      nowMs,
      limit,
    );
  }

  /** When the next failed report is due, or `null`. */
  nextRetryMs(): number | null {
    const row = this.db.query("SELECT MIN(next_attempt_ms) AS at FROM reports WHERE state = 'failed'").get();
    return row && typeof row === "object" && "at" in row && typeof row.at === "number" ? row.at : null;
  }

  get(reportId: string): JournalEntry | null {
    const row = this.row(reportId);
    return row ? toEntry(row) : null;
  }

  /** The report's content while the journal still holds it, parsed through its schema. */
  content(reportId: string): ReportReadyData | null {
    const row = this.row(reportId);
    if (!row?.content) return null;
    return ReportReadyData.parse(JSON.parse(row.content));
  }

  /** The newest reports first (metadata only). */
  recent(limit = 50): JournalEntry[] {
    return this.rows("SELECT * FROM reports ORDER BY received_at DESC, rowid DESC LIMIT ?", limit);
  }

  /** How many reports are in each state, and how many duplicate arrivals were recognised. */
  counts(): Record<ReportState, number> & { duplicates: number } {
    const counts = { received: 0, bound: 0, written: 0, held: 0, failed: 0, dead: 0, duplicates: 0 };
    for (const row of this.rows("SELECT * FROM reports")) {
      counts[row.state]++;
      counts.duplicates += row.duplicates;
    }
    return counts;
  }

  /** A report's moves, oldest first. */
  history(reportId: string): TransitionRow[] {
    const rows = this.db.query(
      "SELECT from_state, to_state, reason, at FROM transitions WHERE report_id = ? ORDER BY id",
    );
    return rows.all(reportId).map((r) => TransitionRow.parse(r));
  }

  /** Statuses the hub has not confirmed yet, oldest first. */
  pendingStatuses(): OutboxRow[] {
    const query = this.db.query(
      "SELECT status_id, report_id, status, reason, target FROM status_outbox WHERE acked_at IS NULL ORDER BY rowid",
    );
    return query.all().map((r) => OutboxRow.parse(r));
  }

  statusConfirmed(statusId: string): void {
    const at = new Date(this.now()).toISOString();
    this.db.query("UPDATE status_outbox SET acked_at = ? WHERE status_id = ?").run(at, statusId);
  }

  close(): void {
    this.db.close();
  }

  private insert(id: string, event: "report_ready", protocol: "v1" | "v2", seq: number | null, content: string) {
    if (this.bumpDuplicate(id)) return "duplicate";
    const at = new Date(this.now()).toISOString();
    this.db
      .query(
        `INSERT INTO reports (report_id, event, protocol, seq, state, content, received_at, updated_at)
         VALUES (?, ?, ?, ?, 'received', ?, ?, ?)`,
      )
      .run(id, event, protocol, seq, content, at, at);
    this.transition(id, null, "received", null, at);
    if (protocol === "v2") this.enqueueStatus(id, "received", null, null, at);
    return "new";
  }

  private insertExpired(id: string, seq: number): Recorded {
    if (this.bumpDuplicate(id)) return "duplicate";
    const at = new Date(this.now()).toISOString();
    const reason = "the report expired at the hub before this PC received it; ask for it to be sent again";
    this.db
      .query(
        `INSERT INTO reports (report_id, event, protocol, seq, state, reason, received_at, updated_at)
         VALUES (?, 'report_expired', 'v2', ?, 'dead', ?, ?, ?)`,
      )
      .run(id, seq, reason, at, at);
    this.transition(id, null, "dead", reason, at);
    return "new";
  }

  private bumpDuplicate(id: string): boolean {
    return this.db.query("UPDATE reports SET duplicates = duplicates + 1 WHERE report_id = ?").run(id).changes > 0;
  }

  private transition(id: string, from: ReportState | null, to: ReportState, reason: string | null, at: string) {
    this.db
      .query("INSERT INTO transitions (report_id, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?)")
      .run(id, from, to, reason, at);
  }

  private enqueueStatus(id: string, state: ReportState, reason: string | null, target: TargetRef | null, at: string) {
    const status = HUB_STATUS[state];
    if (!status) return;
    this.db
      .query(
        `INSERT OR IGNORE INTO status_outbox (status_id, report_id, status, reason, target, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        `${id}:${status}`.slice(0, 64),
        id,
        status,
        reason?.slice(0, 1000) ?? null,
        target && JSON.stringify(target),
        at,
      );
  }

  private row(reportId: string): ReportRow | null {
    const row = this.db.query("SELECT * FROM reports WHERE report_id = ?").get(reportId);
    return row === null ? null : ReportRow.parse(row);
  }

  private rows(sql: string, ...params: (string | number)[]): JournalEntry[] {
    return this.db
      .query(sql)
      .all(...params)
      .map((r) => toEntry(ReportRow.parse(r)));
  }
}
