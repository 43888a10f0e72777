import type { Database } from "bun:sqlite";
import { z } from "zod";

/** Sources that tell the agent which patient a workstation has selected. */
export type SelectionSource = "ui-event" | "program-link";

/** A patient selected on a workstation, from `sinceMs` until `untilMs` (null: still selected). */
export interface Selection {
  source: SelectionSource;
  workstation: string;
  patNum: number;
  sinceMs: number;
  untilMs: number | null;
}

const Row = z.object({
  source: z.enum(["ui-event", "program-link"]),
  workstation: z.string().max(64),
  pat_num: z.number().int().positive(),
  since_ms: z.number(),
  until_ms: z.number().nullable(),
});

/** How long closed selections are kept (the rule looks back hours; the audit keeps the rest). */
const KEEP_MS = 7 * 24 * 3_600_000;

/**
 * Which patient each workstation has selected, per source, with the history the chair-binding rule
 * needs ("was anyone else in this chair since the visit began?"). Workstation names are stored
 * upper-case: Windows machine names compare case-insensitively. Persisted, because Open Dental
 * does not fire the event again when the same patient is selected again after the agent restarts.
 */
export class Selections {
  constructor(private readonly db: Database) {}

  /** Records that `workstation` selected `patNum` at `atMs`; selecting the selected patient again changes nothing. */
  record(source: SelectionSource, workstation: string, patNum: number, atMs: number): void {
    const station = workstation.toUpperCase();
    this.db.transaction(() => {
      const open = this.db
        .query("SELECT pat_num FROM selections WHERE source = ? AND workstation = ? AND until_ms IS NULL")
        .get(source, station) as { pat_num: number } | null;
      if (open?.pat_num === patNum) return;
      this.db
        .query("UPDATE selections SET until_ms = ? WHERE source = ? AND workstation = ? AND until_ms IS NULL")
        .run(atMs, source, station);
      this.db
        .query("INSERT INTO selections (source, workstation, pat_num, since_ms) VALUES (?, ?, ?, ?)")
        .run(source, station, patNum, atMs);
      this.db.query("DELETE FROM selections WHERE until_ms IS NOT NULL AND until_ms < ?").run(atMs - KEEP_MS);
    })();
  }

  /** Selections on `workstations` (any case) that were open at some point since `fromMs`, oldest first. */
  since(workstations: readonly string[], fromMs: number): Selection[] {
    if (workstations.length === 0) return [];
    const names = workstations.map((w) => w.toUpperCase());
    const rows = this.db
      .query(
        `SELECT source, workstation, pat_num, since_ms, until_ms FROM selections
         WHERE workstation IN (${names.map(() => "?").join(",")}) AND (until_ms IS NULL OR until_ms >= ?)
         ORDER BY since_ms, id`,
      )
      .all(...names, fromMs);
    return rows.map((r) => toSelection(Row.parse(r)));
  }

  /** Every open selection, for the status page. */
  current(): Selection[] {
    const rows = this.db
      .query(
        "SELECT source, workstation, pat_num, since_ms, until_ms FROM selections WHERE until_ms IS NULL ORDER BY workstation, source",
      )
      .all();
    return rows.map((r) => toSelection(Row.parse(r)));
  }
}

function toSelection(r: z.infer<typeof Row>): Selection {
  return { source: r.source, workstation: r.workstation, patNum: r.pat_num, sinceMs: r.since_ms, untilMs: r.until_ms };
}
