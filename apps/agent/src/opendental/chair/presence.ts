import type { PatientSource } from "../settings.ts";

/**
 * A patient at one of the doctor's places, as one source tells it: selected on a workstation
 * (`ws:OP1-PC`) or seated in an operatory (`op:3`). Times are this PC's clock; `sinceMs` is null
 * when the source cannot say when it began (an appointment marked "in treatment room" without a
 * seated time).
 */
export interface Presence {
  source: PatientSource;
  place: string;
  patNum: number;
  sinceMs: number | null;
  /** Still there now. */
  current: boolean;
  /** When it ended; null when still there, or ended at a time nobody recorded. */
  untilMs: number | null;
}

/** Whether `p` was (possibly) at its place at some moment since `fromMs`. Unknown ends count as yes. */
export function presentSince(p: Presence, fromMs: number): boolean {
  return p.current || p.untilMs === null || p.untilMs >= fromMs;
}

/** `list` in the clinic's source order (stable within a source). */
export function inSourceOrder(list: readonly Presence[], order: readonly PatientSource[]): Presence[] {
  return [...list].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}
