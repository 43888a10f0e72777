import type { Database } from "bun:sqlite";
import { z } from "zod";

/**
 * Where a report's write stands. A `…ing` step is committed before its request is sent: finding
 * one at the start of an attempt means the last request's outcome is unknown (its answer was lost,
 * or the agent died), so the attempt first looks in Open Dental for the report's marker.
 * - procnote: `pinned` → `creating_procedure` → `procedure_created` → `posting_note` → `note_posted` → `done`
 * - commlog: `pinned` → `posting_commlog` → `commlog_posted` → `done`
 */
export const LedgerStep = z.enum([
  "pinned",
  "creating_procedure",
  "procedure_created",
  "posting_note",
  "note_posted",
  "posting_commlog",
  "commlog_posted",
  "done",
]);
export type LedgerStep = z.infer<typeof LedgerStep>;

/** The attachment's progress: not asked, being uploaded (outcome unknown if found so), uploaded, or given up. */
export const DocState = z.enum(["uploading", "uploaded", "skipped"]);

const Row = z.object({
  report_id: z.string().max(128),
  pat_num: z.number().int().positive(),
  prov_num: z.number().int().positive(),
  kind: z.enum(["procnote", "commlog"]),
  step: LedgerStep,
  apt_num: z.number().int().nullable(),
  proc_num: z.number().int().nullable(),
  note_num: z.number().int().nullable(),
  commlog_num: z.number().int().nullable(),
  doc: DocState.nullable(),
  doc_num: z.number().int().nullable(),
  read_back: z.enum(["ok", "mismatch", "unavailable"]).nullable(),
});

/** A report's ledger entry. */
export interface LedgerEntry {
  reportId: string;
  patNum: number;
  /** The doctor's provider, fixed with the patient when the report was pinned. */
  provNum: number;
  kind: "procnote" | "commlog";
  step: LedgerStep;
  aptNum: number | null;
  procNum: number | null;
  noteNum: number | null;
  commlogNum: number | null;
  doc: z.infer<typeof DocState> | null;
  docNum: number | null;
  readBack: "ok" | "mismatch" | "unavailable" | null;
}

type Changes = Partial<Omit<LedgerEntry, "reportId" | "patNum" | "provNum" | "kind">>;

const COLUMNS: Record<keyof Changes, string> = {
  step: "step",
  aptNum: "apt_num",
  procNum: "proc_num",
  noteNum: "note_num",
  commlogNum: "commlog_num",
  doc: "doc",
  docNum: "doc_num",
  readBack: "read_back",
};

/**
 * The write ledger: one Open Dental target per report (`PRIMARY KEY (report_id, system)`), so a
 * report that has started being written to a patient is finished there or held — never written to
 * a second chart, and never written twice (every step is committed before its request leaves).
 */
export class Ledger {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  get(reportId: string): LedgerEntry | null {
    const row = this.db.query("SELECT * FROM ledger WHERE report_id = ? AND system = 'opendental'").get(reportId);
    return row === null ? null : toEntry(Row.parse(row));
  }

  /** Pins a report to a patient before anything is sent; returns the existing entry if it was pinned already. */
  pin(reportId: string, patNum: number, provNum: number, kind: "procnote" | "commlog"): LedgerEntry {
    this.db
      .query(
        `INSERT INTO ledger (report_id, system, pat_num, prov_num, kind, step, updated_at)
         VALUES (?, 'opendental', ?, ?, ?, 'pinned', ?) ON CONFLICT DO NOTHING`,
      )
      .run(reportId, patNum, provNum, kind, this.stamp());
    const entry = this.get(reportId);
    if (!entry) throw new Error(`ledger entry for ${reportId} vanished`);
    return entry;
  }

  /** Commits changes to a report's entry (before sending a request, or after its answer). */
  update(reportId: string, changes: Changes): LedgerEntry {
    const keys = Object.keys(changes) as (keyof Changes)[];
    const sets = keys.map((k) => `${COLUMNS[k]} = ?`);
    const values = keys.map((k) => changes[k] ?? null);
    this.db
      .query(
        `UPDATE ledger SET ${[...sets, "updated_at = ?"].join(", ")} WHERE report_id = ? AND system = 'opendental'`,
      )
      .run(...values, this.stamp(), reportId);
    const entry = this.get(reportId);
    if (!entry) throw new Error(`no ledger entry for ${reportId}`);
    return entry;
  }

  /** ProcNums other reports' entries use, so a search for a lost procedure never adopts one of them. */
  procNumsInUse(patNum: number, except: string): Set<number> {
    const rows = this.db
      .query("SELECT proc_num FROM ledger WHERE pat_num = ? AND report_id <> ? AND proc_num IS NOT NULL")
      .all(patNum, except) as { proc_num: number }[];
    return new Set(rows.map((r) => r.proc_num));
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }
}

function toEntry(r: z.infer<typeof Row>): LedgerEntry {
  return {
    reportId: r.report_id,
    patNum: r.pat_num,
    provNum: r.prov_num,
    kind: r.kind,
    step: r.step,
    aptNum: r.apt_num,
    procNum: r.proc_num,
    noteNum: r.note_num,
    commlogNum: r.commlog_num,
    doc: r.doc,
    docNum: r.doc_num,
    readBack: r.read_back,
  };
}
