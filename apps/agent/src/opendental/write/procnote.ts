import { isOdError, OdErrorCode, type OdProcedureCode } from "@sofia/opendental";
import { HoldCode } from "../hold-reasons.ts";
import type { OfficeTime } from "../office-time.ts";
import type { LedgerEntry } from "../state/ledger.ts";
import { todaysAppointment } from "./appointment.ts";
import { finishWrite } from "./finish.ts";
import { endsWithLoosely, fitsNote, noteText } from "./note-text.ts";
import { findLostProcedure, findNote, listNotes } from "./recover.ts";
import type { WriteDeps, WriteJob, WriteResult } from "./result.ts";

/**
 * Writes a report as Open Dental's clinical note: a completed procedure with the note code
 * (`Zclin`) on the patient's appointment today with the doctor's provider, then the report as its
 * note (ProcNotes POST: unsigned unless the clinic chose otherwise, appended where the office
 * supports doAppendNote), then reads the note back. Each step is committed to the ledger before
 * its request is sent; a step found unfinished means its answer was lost, and the report's marker
 * is looked for in Open Dental before anything is sent again.
 */
export async function writeProcNote(deps: WriteDeps, job: WriteJob, time: OfficeTime): Promise<WriteResult> {
  const { office, ledger, audit } = deps;
  const text = noteText(job.plaintext, job.reportId, job.signed);
  if (!fitsNote(text)) return { kind: "held", code: HoldCode.NOTE_TOO_LONG, detail: `${text.length} characters` };
  let entry = ledger.pin(job.reportId, job.patNum, job.provNum, "procnote");
  if (entry.step === "pinned" || entry.step === "creating_procedure" || entry.step === "posting_note") {
    // First attempt, or an answer was lost: is the note there already (this PC, or a PC whose journal was lost)?
    const search = await findNote(office, job.patNum, job.reportId);
    if (search.possible && search.found) {
      entry = ledger.update(job.reportId, {
        step: "note_posted",
        procNum: search.found.ProcNum,
        noteNum: search.found.ProcNoteNum,
      });
      audit.record({
        reportId: job.reportId,
        decision: "recovered",
        patNum: job.patNum,
        rule: "marker-found",
        detail: { ProcNum: search.found.ProcNum, ProcNoteNum: search.found.ProcNoteNum },
      });
    } else if (!search.possible && entry.step === "posting_note") {
      return unconfirmed(entry);
    }
  }
  if (entry.step === "pinned" || entry.step === "creating_procedure")
    entry = await createProcedure(deps, job, time, entry);
  if (entry.step === "procedure_created" || entry.step === "posting_note")
    entry = await postNote(deps, job, text, entry);
  if (entry.step === "note_posted") {
    const readBack = await readBackNote(deps, entry, text);
    entry = ledger.update(job.reportId, { step: "done", readBack });
  }
  const ids = { ProcNum: entry.procNum, ProcNoteNum: entry.noteNum, AptNum: entry.aptNum };
  return finishWrite(deps, job, entry, time, { ids, what: "note" });
}

async function createProcedure(
  deps: WriteDeps,
  job: WriteJob,
  time: OfficeTime,
  entry: LedgerEntry,
): Promise<LedgerEntry> {
  const { office, ledger, audit, clock } = deps;
  const code = await office.noteCode(job.noteCode);
  if (!code) throw new MissingCode(job.noteCode);
  const date = time.date(clock.now());
  if (entry.step === "creating_procedure") {
    const owned = ledger.procNumsInUse(job.patNum, job.reportId);
    const lost = await findLostProcedure(
      office,
      { patNum: job.patNum, code, date, provNum: job.provNum, aptNum: entry.aptNum },
      owned,
    );
    if (lost !== null) {
      audit.record({
        reportId: job.reportId,
        decision: "recovered",
        patNum: job.patNum,
        rule: "lost-procedure-found",
        detail: { ProcNum: lost },
      });
      return ledger.update(job.reportId, { step: "procedure_created", procNum: lost });
    }
  }
  const apt = await todaysAppointment(office, time, job.patNum, job.provNum, clock.now());
  ledger.update(job.reportId, { step: "creating_procedure", aptNum: apt?.AptNum ?? null });
  const created = await guarded(deps, job.reportId, "pinned", () =>
    office.track(
      office.client.procedures.create(
        {
          PatNum: job.patNum,
          ProcDate: date,
          ProcStatus: "C",
          code: codeRef(code),
          ProvNum: job.provNum,
          ...(apt ? { AptNum: apt.AptNum } : {}),
        },
        { reportId: job.reportId },
      ),
    ),
  );
  return ledger.update(job.reportId, { step: "procedure_created", procNum: created.ProcNum });
}

async function postNote(deps: WriteDeps, job: WriteJob, text: string, entry: LedgerEntry): Promise<LedgerEntry> {
  const { office, ledger } = deps;
  const procNum = entry.procNum;
  if (procNum === null) throw new Error(`ledger of ${job.reportId} has no ProcNum at ${entry.step}`);
  const features = (await office.client.features()).features;
  const post = (append: boolean) =>
    office.track(
      office.client.procNotes.post(
        { PatNum: job.patNum, ProcNum: procNum, Note: text, append, signed: job.signed },
        { reportId: job.reportId },
      ),
    );
  ledger.update(job.reportId, { step: "posting_note" });
  const posted = await guarded(deps, job.reportId, "procedure_created", async () => {
    if (features.appendNote !== "supported") return post(false);
    try {
      return await post(true);
    } catch (error) {
      // The office refused doAppendNote as too new: that 400 wrote nothing. Post the note plainly.
      if (isOdError(error, OdErrorCode.VERSION_TOO_OLD) && !error.outcomeUnknown) return post(false);
      throw error;
    }
  });
  return ledger.update(job.reportId, { step: "note_posted", noteNum: posted.note.ProcNoteNum });
}

async function readBackNote(
  deps: WriteDeps,
  entry: LedgerEntry,
  text: string,
): Promise<"ok" | "mismatch" | "unavailable"> {
  if (entry.procNum === null) return "unavailable";
  const notes = await listNotes(deps.office, { ProcNum: entry.procNum });
  if (notes === null) return "unavailable";
  const mine = notes.find((n) => n.ProcNoteNum === entry.noteNum) ?? notes[0];
  return mine && endsWithLoosely(mine.Note, text) ? "ok" : "mismatch";
}

/**
 * Runs a write whose step is already committed as under way. If it fails in a way that proves
 * nothing was written, the ledger goes back to `before`; if its outcome is unknown, the step stays,
 * so the next attempt looks for its effect first.
 */
export async function guarded<T>(
  deps: WriteDeps,
  reportId: string,
  before: LedgerEntry["step"],
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(isOdError(error) && error.outcomeUnknown)) deps.ledger.update(reportId, { step: before });
    throw error;
  }
}

function codeRef(code: OdProcedureCode) {
  return { CodeNum: code.CodeNum, ProcCode: code.ProcCode };
}

function unconfirmed(entry: LedgerEntry): WriteResult {
  return {
    kind: "held",
    code: HoldCode.WRITE_UNCONFIRMED,
    detail: `PatNum ${entry.patNum}${entry.procNum ? `, ProcNum ${entry.procNum}` : ""}; this office cannot list notes (before 24.2.29)`,
  };
}

/** The office has no procedure with the configured note code. */
export class MissingCode extends Error {
  override name = "MissingCode";
  constructor(readonly code: string) {
    super(`the office has no procedure code ${code}`);
  }
}
