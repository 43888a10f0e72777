import type { Database } from "bun:sqlite";
import { z } from "zod";

/** What was decided about a report (`discard`: a person discarded it on the review page). */
export type AuditDecision = "write" | "hold" | "written" | "failed" | "recovered" | "discard";

/** One decision: ids, codes and sources only, never a name or the report's text. */
export interface AuditEntry {
  reportId: string;
  decision: AuditDecision;
  /** The hold reason's or failure's code. */
  code?: string | null;
  patNum?: number | null;
  /** Where the chair's patient came from (`ui-event`, `program-link`, `appointment`). */
  source?: string | null;
  /** The workstation or operatory (`ws:OP1-PC`, `op:3`). */
  place?: string | null;
  /** Which rule decided (`patnum+chair`, `name-birthdate+chair`, `chair-binding`, …). */
  rule: string;
  /** Flat ids and codes (ProcNum, ProcNoteNum, AptNum, the request that failed). */
  detail?: Record<string, string | number | boolean | null>;
}

const Row = z.object({
  at: z.string(),
  report_id: z.string(),
  decision: z.enum(["write", "hold", "written", "failed", "recovered", "discard"]),
  code: z.string().nullable(),
  pat_num: z.number().nullable(),
  source: z.string().nullable(),
  place: z.string().nullable(),
  rule: z.string(),
  detail: z.string().max(4000).nullable(),
});
export type AuditRow = z.infer<typeof Row>;

/**
 * The local audit table: every decision the Open Dental writer makes about a report (report,
 * PatNum, source, rule, outcome), append-only. The same decisions reach the hub as the report's
 * statuses; this copy stays on the PC for the clinic.
 */
export class Audit {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  record(entry: AuditEntry): void {
    this.db
      .query(
        `INSERT INTO audit (at, report_id, decision, code, pat_num, source, place, rule, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        new Date(this.now()).toISOString(),
        entry.reportId,
        entry.decision,
        entry.code ?? null,
        entry.patNum ?? null,
        entry.source ?? null,
        entry.place ?? null,
        entry.rule,
        entry.detail ? JSON.stringify(entry.detail).slice(0, 4000) : null,
      );
  }

  /** A report's decisions, oldest first. */
  of(reportId: string): AuditRow[] {
    return this.db
      .query(
        "SELECT at, report_id, decision, code, pat_num, source, place, rule, detail FROM audit WHERE report_id = ? ORDER BY id",
      )
      .all(reportId)
      .map((r) => Row.parse(r));
  }
}
