import { ClientReportStatus, TargetRef } from "@sofia/protocol";
import { z } from "zod";
import { ReportState } from "./states.ts";

/** Largest report content the journal reads back (five sections and three renderings). */
export const MAX_CONTENT_CHARS = 4 * 1024 * 1024;

/** A `reports` row as read back from SQLite: parsed, not trusted. */
export const ReportRow = z.object({
  report_id: z.string().min(1).max(128),
  event: z.enum(["report_ready", "report_expired"]),
  protocol: z.enum(["v1", "v2"]),
  seq: z.number().int().nullable(),
  state: ReportState,
  content: z.string().max(MAX_CONTENT_CHARS).nullable(),
  target: z.string().max(8192).nullable(),
  reason: z.string().max(2000).nullable(),
  attempts: z.number().int().min(0),
  next_attempt_ms: z.number().nullable(),
  duplicates: z.number().int().min(0),
  received_at: z.string(),
  updated_at: z.string(),
});
export type ReportRow = z.infer<typeof ReportRow>;

/** What the journal tells about a report: metadata only, never its content. */
export interface JournalEntry {
  reportId: string;
  event: "report_ready" | "report_expired";
  protocol: "v1" | "v2";
  seq: number | null;
  state: ReportState;
  /** Whether the journal still holds the content (it is dropped once written). */
  hasContent: boolean;
  target: TargetRef | null;
  reason: string | null;
  attempts: number;
  nextAttemptMs: number | null;
  /** How many more times the same report id arrived after the first. */
  duplicates: number;
  receivedAt: string;
  updatedAt: string;
}

/** Turns a parsed row into an entry (the target JSON is parsed through its schema too). */
export function toEntry(row: ReportRow): JournalEntry {
  return {
    reportId: row.report_id,
    event: row.event,
    protocol: row.protocol,
    seq: row.seq,
    state: row.state,
    hasContent: row.content !== null,
    target: row.target === null ? null : TargetRef.parse(JSON.parse(row.target)),
    reason: row.reason,
    attempts: row.attempts,
    nextAttemptMs: row.next_attempt_ms,
    duplicates: row.duplicates,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
  };
}

/** A status waiting to be confirmed by the hub (`status_ack`). */
export const OutboxRow = z.object({
  status_id: z.string().max(64),
  report_id: z.string().max(128),
  status: ClientReportStatus,
  reason: z.string().max(1000).nullable(),
  target: z.string().max(8192).nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRow>;

/** One move of a report, for its history on the status page. */
export const TransitionRow = z.object({
  from_state: ReportState.nullable(),
  to_state: ReportState,
  reason: z.string().max(2000).nullable(),
  at: z.string(),
});
export type TransitionRow = z.infer<typeof TransitionRow>;
