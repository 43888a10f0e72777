import { z } from "zod";
import { OdBool, OdDate, OdDateTime, OdDecimal, OdKey, OdName, OdText } from "../wire.ts";

/** A procedure (apiprocedurelogs.html). A procedure has no note text of its own: see {@link OdProcNote}. */
export const OdProcedure = z.object({
  ProcNum: OdKey.pipe(z.number().positive()),
  PatNum: OdKey,
  AptNum: OdKey,
  ProcDate: OdDate,
  /** Sent as text with two decimals ("60.00"). */
  ProcFee: OdDecimal,
  /** "TP", "C", "EC", "EO", "R", "D", "Cn", "TPi". */
  ProcStatus: OdName,
  ProvNum: OdKey,
  provAbbr: OdName,
  CodeNum: OdKey,
  procCode: OdName,
  descript: OdName,
  /** A number, or its text in ProcedureLogs POST's answer. */
  ClinicNum: OdKey,
  IsLocked: OdBool,
  /** Null in ProcedureLogs POST's answer, which sends it empty. */
  DateTStamp: OdDateTime,
  serverDateTime: OdDateTime.optional(),
});
export type OdProcedure = z.output<typeof OdProcedure>;

/**
 * A version of a procedure's note (apiprocnotes.html). Notes are never edited or deleted: each
 * change adds a row, and the newest (highest ProcNoteNum) is the procedure's current note.
 */
export const OdProcNote = z.object({
  ProcNoteNum: OdKey.pipe(z.number().positive()),
  PatNum: OdKey,
  ProcNum: OdKey,
  EntryDateTime: OdDateTime,
  /** 0 for notes written through the API. */
  UserNum: OdKey,
  Note: OdText,
  SigIsTopaz: OdBool,
  isSigned: OdBool,
});
export type OdProcNote = z.output<typeof OdProcNote>;
