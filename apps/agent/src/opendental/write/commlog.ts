import type { OdCommlog } from "@sofia/opendental";
import { HoldCode } from "../hold-reasons.ts";
import type { OfficeTime } from "../office-time.ts";
import { finishWrite } from "./finish.ts";
import { endsWithLoosely, fitsNote, hasMarker, noteText } from "./note-text.ts";
import { guarded } from "./procnote.ts";
import type { WriteDeps, WriteJob, WriteResult } from "./result.ts";

/**
 * `opendental.write-as commlog`: the report as a communication log entry (Commlogs POST) instead
 * of a clinical note — what some practices prefer, though Open Dental means commlogs for
 * non-clinical communication, and they cannot be deleted through the API either. Same ledger,
 * same marker search before any second attempt.
 */
export async function writeCommlog(deps: WriteDeps, job: WriteJob, time: OfficeTime): Promise<WriteResult> {
  const { office, ledger, audit, clock } = deps;
  const text = noteText(job.plaintext, job.reportId, false);
  if (!fitsNote(text)) return { kind: "held", code: HoldCode.NOTE_TOO_LONG, detail: `${text.length} characters` };
  let entry = ledger.pin(job.reportId, job.patNum, job.provNum, "commlog");
  if (entry.step === "pinned" || entry.step === "posting_commlog") {
    const found = await findCommlog(deps, job);
    if (found) {
      entry = ledger.update(job.reportId, { step: "commlog_posted", commlogNum: found.CommlogNum });
      audit.record({
        reportId: job.reportId,
        decision: "recovered",
        patNum: job.patNum,
        rule: "marker-found",
        detail: { CommlogNum: found.CommlogNum },
      });
    }
  }
  if (entry.step === "pinned" || entry.step === "posting_commlog") {
    ledger.update(job.reportId, { step: "posting_commlog" });
    const posted = await guarded(deps, job.reportId, "pinned", () =>
      office.track(
        office.client.commlogs.post(
          {
            PatNum: job.patNum,
            Note: text,
            CommDateTime: time.wallText(clock.now()),
            Mode_: "None",
            SentOrReceived: "Neither",
          },
          { reportId: job.reportId },
        ),
      ),
    );
    // Before 23.3.7 Open Dental answers with nothing: the marker finds the new commlog.
    const commlog = posted ?? (await findCommlog(deps, job));
    if (!commlog) throw new Error("Open Dental accepted the commlog but does not list it");
    entry = ledger.update(job.reportId, { step: "commlog_posted", commlogNum: commlog.CommlogNum });
  }
  if (entry.step === "commlog_posted") {
    const listed = await office.track(office.client.commlogs.list(job.patNum));
    const mine = listed.find((c) => c.CommlogNum === entry.commlogNum);
    entry = ledger.update(job.reportId, {
      step: "done",
      readBack: mine && endsWithLoosely(mine.Note, text) ? "ok" : "mismatch",
    });
  }
  return finishWrite(deps, job, entry, time, { ids: { CommlogNum: entry.commlogNum }, what: "commlog" });
}

async function findCommlog(deps: WriteDeps, job: WriteJob): Promise<OdCommlog | null> {
  const listed = await deps.office.track(deps.office.client.commlogs.list(job.patNum));
  return listed.filter((c) => hasMarker(c.Note, job.reportId)).sort((a, b) => b.CommlogNum - a.CommlogNum)[0] ?? null;
}
