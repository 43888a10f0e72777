import { z } from "zod";
import { ArgKey, argText, checkArgs } from "../args.ts";
import { type ApiContext, fetchAll, fetchOne, mayUse, tooOld, unlessTooOld } from "../context.ts";
import { OdProcNote } from "../schemas/procedure.ts";
import { odList } from "../wire.ts";

/** procnote.Note is a MySQL `text` column: 65,535 bytes. */
export const MAX_NOTE_BYTES = 65_535;

/** A note to post on a procedure. */
export const NewProcNote = z
  .object({
    PatNum: ArgKey,
    ProcNum: ArgKey,
    Note: argText(MAX_NOTE_BYTES).refine(
      (t) => new TextEncoder().encode(t).length <= MAX_NOTE_BYTES,
      "longer than 65,535 bytes",
    ),
    /** Add after the procedure's current note instead of replacing it (`doAppendNote`, 24.2.29). */
    append: z.boolean().default(false),
    /** Sign it — in the API developer's name, not the dentist's (`isSigned`, 24.2.29). */
    signed: z.boolean().default(false),
  })
  .strict();
export type NewProcNote = z.input<typeof NewProcNote>;

/** What a post did: the stored note, and whether it was signed and appended as asked. */
export interface PostedProcNote {
  note: OdProcNote;
  /** False when signing was asked but the office is older than 24.2.29: the note is unsigned. */
  signed: boolean;
  appended: boolean;
}

/**
 * Procedure notes (apiprocnotes.html). Notes are never edited or deleted: each post adds a version
 * and the newest is the procedure's note, so a note posted twice stays twice. Read back with
 * {@link list}, whose text may differ in line breaks ("\r\n" may come back as spaces).
 */
export class ProcNotesApi {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * The notes of a procedure or a patient, newest first (ProcNotes GET, since 24.2.29). An office
   * older than that cannot list notes: `version_too_old`, without a request.
   */
  async list(query: { PatNum?: number; ProcNum?: number }): Promise<OdProcNote[]> {
    const request = "GET /procnotes";
    const q = checkArgs(z.object({ PatNum: ArgKey.optional(), ProcNum: ArgKey.optional() }).strict(), query, request);
    if (!(await mayUse(this.ctx, "procNotesGet"))) throw tooOld("procNotesGet", request);
    const schema = odList(OdProcNote);
    const notes = await unlessTooOld(this.ctx, "procNotesGet", () =>
      fetchAll(this.ctx, { method: "GET", path: "/procnotes", template: "/procnotes", query: q, schema }),
    );
    if (notes === undefined) throw tooOld("procNotesGet", request);
    // Newest first by ProcNoteNum, whatever order the office used.
    return notes.sort((a, b) => b.ProcNoteNum - a.ProcNoteNum);
  }

  /**
   * Posts a note (ProcNotes POST; needs the AllOthers permission). `signed` and `append` are sent
   * only to offices that have them (24.2.29), so that an old office cannot silently ignore them:
   * an older office gets an unsigned note (`signed: false` in the result), and an append to it is
   * `version_too_old` (it cannot list notes to append by hand either). If the office refuses the
   * fields as too new after all, the post is retried without them: that 400 wrote nothing.
   */
  async post(input: NewProcNote, options: { reportId?: string } = {}): Promise<PostedProcNote> {
    const request = "POST /procnotes";
    const note = checkArgs(NewProcNote, input, request);
    const canSign = note.signed && (await mayUse(this.ctx, "signNote"));
    const canAppend = note.append && (await mayUse(this.ctx, "appendNote"));
    if (note.append && !canAppend) throw tooOld("appendNote", request);
    const send = (signed: boolean, append: boolean) =>
      fetchOne(this.ctx, {
        method: "POST",
        path: "/procnotes",
        template: "/procnotes",
        body: {
          PatNum: note.PatNum,
          ProcNum: note.ProcNum,
          Note: note.Note,
          ...(signed ? { isSigned: "true" } : {}),
          ...(append ? { doAppendNote: "true" } : {}),
        },
        schema: OdProcNote,
        ...(options.reportId === undefined ? {} : { reportId: options.reportId }),
      });
    if (!canSign && !canAppend) return { note: await send(false, false), signed: false, appended: false };
    const feature = canAppend ? "appendNote" : "signNote";
    const posted = await unlessTooOld(this.ctx, feature, () => send(canSign, canAppend));
    if (posted) return { note: posted, signed: canSign, appended: canAppend };
    // Both fields arrived in 24.2.29: an office refusing one refuses the other.
    this.ctx.features.refuse("signNote");
    this.ctx.features.refuse("appendNote");
    if (canAppend) throw tooOld("appendNote", request);
    return { note: await send(false, false), signed: false, appended: false };
  }
}
