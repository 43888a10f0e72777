import type { Hono } from "hono";
import { z } from "zod";
import { officeNow } from "../../clock.ts";
import { removeLongBlankRuns, signatureLine } from "../../services/note-text.ts";
import type { Condition } from "../../store/store.ts";
import { readBody } from "../body.ts";
import { type ApiEnv, paramsOf, type SandboxDeps } from "../context.ts";
import { odError } from "../errors.ts";
import { boolField, keyField, textField } from "../fields.ts";
import { readPage } from "../paging.ts";
import { procNoteView } from "../views/procedure.ts";

/** `procnote.Note` is a MySQL `text` column: at most 65,535 bytes. */
const NOTE_MAX_BYTES = 65_535;

const ProcNoteBody = z.object({
  PatNum: keyField("PatNum"),
  ProcNum: keyField("ProcNum"),
  Note: textField("Note", NOTE_MAX_BYTES),
  isSigned: boolField("isSigned").optional(),
  doAppendNote: boolField("doAppendNote").optional(),
});

/**
 * ProcNotes [S6]. Append-only: every POST inserts a row and nothing is ever updated or deleted;
 * the current note of a procedure is its newest row, and GET lists newest first
 * (`ORDER BY ProcNoteNum DESC`, as Open Dental's `GetProcNotesForApi` [S31]).
 */
export function procNoteRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  app.get("/procnotes", async (c) => {
    const params = paramsOf(c);
    const where: Condition<"procnote">[] = [];
    for (const column of ["PatNum", "ProcNum"] as const) {
      const value = params.num(column);
      if (value !== undefined) where.push({ column, op: "=", value });
    }
    const orderBy = [{ column: "ProcNoteNum" as const, desc: true }];
    const rows = await deps.store.select("procnote", { where, orderBy, ...readPage(params, deps.mode) });
    return c.json(rows.map(procNoteView));
  });

  app.post("/procnotes", async (c) => {
    const body = await readBody(c, ProcNoteBody);
    if (!body.ok) return body.response;
    const { PatNum, ProcNum, Note, isSigned, doAppendNote } = body.value;
    if (!(await deps.store.get("patient", PatNum))) return odError(c, 404, "Patient not found.");
    const proc = await deps.store.get("procedurelog", ProcNum);
    if (!proc) return odError(c, 404, "Procedure not found.");
    // Inferred: a procedure of another patient is refused rather than silently re-homed.
    if (proc.PatNum !== PatNum) return odError(c, 400, "ProcNum does not belong to PatNum.");
    const developerName = c.get("apiKey").DevName;
    // Reading the latest note and inserting the next must not interleave with another POST.
    const written = await deps.store.exclusive(async () => {
      let text = Note;
      if (doAppendNote === "true") {
        const [latest] = await deps.store.select("procnote", {
          where: [{ column: "ProcNum", op: "=", value: ProcNum }],
          orderBy: [{ column: "ProcNoteNum", desc: true }],
          limit: 1,
        });
        // [S6]: the previous note, two line breaks ("\r\n\r\n" in the example), then the new text.
        // Inferred: with no previous note (or an empty one) the new text stands alone.
        if (latest && latest.Note !== "") text = `${latest.Note}\r\n\r\n${Note}`;
      }
      text = removeLongBlankRuns(text);
      if (Buffer.byteLength(text) > NOTE_MAX_BYTES) return undefined;
      const now = officeNow(deps.clock);
      return deps.store.insert("procnote", {
        PatNum,
        ProcNum,
        EntryDateTime: now,
        // [S6]'s example: API-written notes carry UserNum 0.
        UserNum: 0,
        Note: text,
        SigIsTopaz: 0,
        // Inferred: the sandbox stores the documented signature line where Open Dental keeps its
        // encrypted signature; only `isSigned` is ever returned.
        Signature: isSigned === "true" ? signatureLine(developerName, now) : "",
      });
    });
    if (!written) return odError(c, 400, `Note is too long: a procedure note holds at most ${NOTE_MAX_BYTES} bytes.`);
    return c.json(procNoteView(written), 201);
  });
}
