import { z } from "zod";

/**
 * Where a report is at this PC:
 * - `received`: stored in the journal (the hub was acknowledged after this commit);
 * - `bound`: the sink decided where it goes (for Open Dental: which patient);
 * - `written`: the sink wrote it; only metadata is kept from here on;
 * - `held`: waiting for a person (uncertain patient, or no writer configured);
 * - `failed`: the last attempt failed and another is scheduled;
 * - `dead`: attempts are exhausted or the report can never be written (expired at the hub):
 *   the dead-letter state, shown on the status page for a person to act on.
 */
export const ReportState = z.enum(["received", "bound", "written", "held", "failed", "dead"]);
export type ReportState = z.infer<typeof ReportState>;

const NEXT: Record<ReportState, readonly ReportState[]> = {
  received: ["bound", "held", "failed", "dead"],
  bound: ["written", "held", "failed"],
  // A retry goes through binding again: the patient in the chair may have changed.
  failed: ["received", "dead"],
  // A person releases a held report for another attempt, binds it to the patient they chose on the
  // review page (its write then goes through the ledger as any other), or discards it.
  held: ["received", "bound", "dead"],
  written: [],
  dead: [],
};

/** Whether a report may move from `from` to `to`. */
export function canMove(from: ReportState, to: ReportState): boolean {
  return NEXT[from].includes(to);
}

/** States a report never leaves. */
export function isFinal(state: ReportState): boolean {
  return NEXT[state].length === 0;
}

/** States in which the journal still holds the report's content. */
export function keepsContent(state: ReportState): boolean {
  return state !== "written";
}

/** Thrown for a move the state machine forbids: a bug, never a data problem. */
export class IllegalTransition extends Error {
  override name = "IllegalTransition";
  constructor(reportId: string, from: ReportState, to: ReportState) {
    super(`report ${reportId} cannot move from ${from} to ${to}`);
  }
}
