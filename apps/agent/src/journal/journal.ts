import type { Database } from "bun:sqlite";
import type { ReportDelivery, ReportReadyData } from "@sofia/protocol";
import { loadCursor, saveCursor } from "./cursors.ts";
import { openDatabase } from "./database.ts";
import { type Recorded, recordDelivery, recordV1 } from "./intake.ts";
import { confirmStatus, pendingStatuses } from "./outbox.ts";
import {
  countByState,
  dueEntries,
  nextRetryMs,
  pageOfEntries,
  readContent,
  readEntry,
  recentEntries,
} from "./queries.ts";
import type { JournalEntry, OutboxRow, TransitionRow } from "./rows.ts";
import type { ReportState } from "./states.ts";
import { type MoveOptions, moveReport, readHistory } from "./transitions.ts";

export type { Recorded } from "./intake.ts";
export type { MoveOptions } from "./transitions.ts";

/**
 * The agent's durable journal (bun:sqlite, WAL, `synchronous = FULL`). Every delivery is committed
 * here, together with the v2 cursor, before the hub is acknowledged; reports then move through
 * the state machine of `states.ts`. Content is dropped when a report is written, so the PC does not
 * accumulate health data. The SQL lives in one file per concern (intake, transitions, queries,
 * status outbox, cursors); this class holds the connection and the clock, and is what callers use.
 */
export class Journal {
  private constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  /** Opens (creating if needed) the journal file. */
  static open(file: string, now: () => number = Date.now): Journal {
    return new Journal(openDatabase(file), now);
  }

  /** The v2 cursor kept for a credential (its public id): the last seq safely journaled. */
  cursor(credentialId: string): number {
    return loadCursor(this.db, credentialId);
  }

  /** Stores the v2 cursor of a credential. */
  saveCursor(credentialId: string, seq: number): void {
    saveCursor(this.db, credentialId, seq);
  }

  /** Stores a v2 delivery and moves the cursor to its seq, in one transaction. */
  recordDelivery(delivery: ReportDelivery, credentialId: string): Recorded {
    return recordDelivery(this.db, delivery, credentialId, this.stamp());
  }

  /** Stores a v1 `report_ready` (v1 has no seq and no acknowledgement). */
  recordV1(report: ReportReadyData): Recorded {
    return recordV1(this.db, report, this.stamp());
  }

  /** Moves a report along the state machine; throws `IllegalTransition` for a forbidden move. */
  move(reportId: string, to: ReportState, options: MoveOptions = {}): JournalEntry {
    return moveReport(this.db, reportId, to, options, this.stamp());
  }

  /** Reports to process now: received ones, interrupted (bound) ones, and failed ones whose retry time has come. */
  due(nowMs: number, limit = 20): JournalEntry[] {
    return dueEntries(this.db, nowMs, limit);
  }

  /** When the next failed report is due, or `null`. */
  nextRetryMs(): number | null {
    return nextRetryMs(this.db);
  }

  /** One report's metadata, or `null` when the journal has never seen it. */
  get(reportId: string): JournalEntry | null {
    return readEntry(this.db, reportId);
  }

  /** The report's content while the journal still holds it, parsed through its schema. */
  content(reportId: string): ReportReadyData | null {
    return readContent(this.db, reportId);
  }

  /** The newest reports first (metadata only). */
  recent(limit = 50): JournalEntry[] {
    return recentEntries(this.db, limit);
  }

  /** Reports newest first, `limit` from `offset`, in `state` or in any state (metadata only). */
  page(state: ReportState | null, limit: number, offset: number): JournalEntry[] {
    return pageOfEntries(this.db, state, limit, offset);
  }

  /** How many reports are in each state, and how many duplicate arrivals were recognised. */
  counts(): Record<ReportState, number> & { duplicates: number } {
    return countByState(this.db);
  }

  /** A report's moves, oldest first. */
  history(reportId: string): TransitionRow[] {
    return readHistory(this.db, reportId);
  }

  /** Statuses the hub has not confirmed yet, oldest first. */
  pendingStatuses(): OutboxRow[] {
    return pendingStatuses(this.db);
  }

  /** Records that the hub confirmed a status (`status_ack`), so it is not sent again. */
  statusConfirmed(statusId: string): void {
    confirmStatus(this.db, statusId, this.stamp());
  }

  /** Closes the database; the journal cannot be used afterwards. */
  close(): void {
    this.db.close();
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }
}
