import { isOdError, OdErrorCode, type OdProcedureCode, type OdProcNote } from "@sofia/opendental";
import type { Office } from "../office.ts";
import { hasMarker } from "./note-text.ts";

/** A search that may be impossible: offices before 24.2.29 cannot list procedure notes. */
export type Search<T> = { possible: true; found: T | null } | { possible: false };

/**
 * The report's note among the patient's procedure notes (any version, any procedure), newest
 * first. This is how a write whose answer was lost — or a report whose journal was lost with the
 * PC — is recognised as already written, instead of being written a second time.
 */
export async function findNote(office: Office, patNum: number, reportId: string): Promise<Search<OdProcNote>> {
  const notes = await listNotes(office, { PatNum: patNum });
  if (notes === null) return { possible: false };
  return { possible: true, found: notes.find((n) => hasMarker(n.Note, reportId)) ?? null };
}

/**
 * A clinical-note procedure the agent created for this report but whose answer was lost: the
 * patient's procedure with the note code, dated today, completed, with the doctor's provider and
 * the chosen appointment, that no other report's ledger owns and that has no note yet (a note
 * would be a person's). The newest if several.
 */
export async function findLostProcedure(
  office: Office,
  want: { patNum: number; code: OdProcedureCode; date: string; provNum: number; aptNum: number | null },
  owned: ReadonlySet<number>,
): Promise<number | null> {
  const procedures = await office.track(office.client.procedures.list({ PatNum: want.patNum }));
  const candidates = procedures.filter(
    (p) =>
      p.CodeNum === want.code.CodeNum &&
      p.ProcDate === want.date &&
      p.ProcStatus === "C" &&
      p.ProvNum === want.provNum &&
      p.AptNum === (want.aptNum ?? 0) &&
      !owned.has(p.ProcNum),
  );
  if (candidates.length === 0) return null;
  const notes = await listNotes(office, { PatNum: want.patNum });
  const annotated = new Set((notes ?? []).map((n) => n.ProcNum));
  const empty = candidates.filter((p) => !annotated.has(p.ProcNum)).sort((a, b) => b.ProcNum - a.ProcNum);
  return empty[0]?.ProcNum ?? null;
}

/** Procedure notes, or null when the office is too old to list them (ProcNotes GET, 24.2.29). */
export async function listNotes(
  office: Office,
  query: { PatNum?: number; ProcNum?: number },
): Promise<OdProcNote[] | null> {
  try {
    return await office.client.procNotes.list(query);
  } catch (error) {
    if (isOdError(error, OdErrorCode.VERSION_TOO_OLD)) return null;
    throw error;
  }
}
