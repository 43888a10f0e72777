import type { Database } from "bun:sqlite";
import { ReportReadyData } from "@sofia/protocol";
import { z } from "zod";
import { type JournalEntry, ReportRow, toEntry } from "./rows.ts";
import { ReportState } from "./states.ts";

/** A report's row, parsed through its schema, or `null` when the journal has no such report. */
export function readRow(db: Database, reportId: string): ReportRow | null {
  const row = db.query("SELECT * FROM reports WHERE report_id = ?").get(reportId);
  return row === null ? null : ReportRow.parse(row);
}

/** One report's metadata, or `null` when the journal has never seen it. */
export function readEntry(db: Database, reportId: string): JournalEntry | null {
  const row = readRow(db, reportId);
  return row ? toEntry(row) : null;
}

/** The report's content while the journal still holds it, parsed through its schema. */
export function readContent(db: Database, reportId: string): ReportReadyData | null {
  const row = readRow(db, reportId);
  if (!row?.content) return null;
  return ReportReadyData.parse(JSON.parse(row.content));
}

/** The newest reports first (metadata only). */
export function recentEntries(db: Database, limit: number): JournalEntry[] {
  return readEntries(db, "SELECT * FROM reports ORDER BY received_at DESC, rowid DESC LIMIT ?", limit);
}

/** Runs a `SELECT * FROM reports …` query and returns its rows as entries (metadata only). */
export function readEntries(db: Database, sql: string, ...params: (string | number)[]): JournalEntry[] {
  return db
    .query(sql)
    .all(...params)
    .map((r) => toEntry(ReportRow.parse(r)));
}

/**
 * Reports to process now: freshly received ones, failed ones whose retry time has come, and bound
 * ones — a report is bound only while its write is under way, so one found bound was interrupted
 * (the agent stopped or crashed) and its write must be resumed.
 */
export function dueEntries(db: Database, nowMs: number, limit: number): JournalEntry[] {
  return readEntries(
    db,
    `SELECT * FROM reports WHERE state IN ('received', 'bound') OR (state = 'failed' AND next_attempt_ms <= ?)
     ORDER BY received_at, rowid LIMIT ?`,
    nowMs,
    limit,
  );
}

/** When the next failed report is due, or `null`. */
export function nextRetryMs(db: Database): number | null {
  const row = db.query("SELECT MIN(next_attempt_ms) AS at FROM reports WHERE state = 'failed'").get();
  return row && typeof row === "object" && "at" in row && typeof row.at === "number" ? row.at : null;
}

/**
 * One page of reports, newest first, optionally in one state: what the status page lists, so that
 * every report (not only the newest) can be reached.
 */
export function pageOfEntries(db: Database, state: ReportState | null, limit: number, offset: number): JournalEntry[] {
  const order = "ORDER BY received_at DESC, rowid DESC LIMIT ? OFFSET ?";
  return state === null
    ? readEntries(db, `SELECT * FROM reports ${order}`, limit, offset)
    : readEntries(db, `SELECT * FROM reports WHERE state = ? ${order}`, state, limit, offset);
}

const CountRow = z.object({ state: ReportState, n: z.number().int(), duplicates: z.number().int() });

/** How many reports are in each state, and how many duplicate arrivals were recognised. */
export function countByState(db: Database): Record<ReportState, number> & { duplicates: number } {
  const counts = { received: 0, bound: 0, written: 0, held: 0, failed: 0, dead: 0, duplicates: 0 };
  const rows = db
    .query("SELECT state, COUNT(*) AS n, COALESCE(SUM(duplicates), 0) AS duplicates FROM reports GROUP BY state")
    .all();
  for (const row of rows) {
    const { state, n, duplicates } = CountRow.parse(row);
    counts[state] = n;
    counts.duplicates += duplicates;
  }
  return counts;
}
