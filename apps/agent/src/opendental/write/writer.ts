import type { Failed, Held, Written } from "../../pipeline/sink.ts";
import { HoldCode, holdReason } from "../hold-reasons.ts";
import { failureOutcome } from "../od-failure.ts";
import { writeCommlog } from "./commlog.ts";
import { writeProcNote } from "./procnote.ts";
import type { WriteDeps, WriteJob } from "./result.ts";

/**
 * Writes one report into Open Dental for the patient the rule chose — as a clinical note
 * (default) or a commlog — and says how it ended, in the sink's terms. The ledger is pinned to
 * the patient first: a report that has begun being written to one chart is never written to
 * another. Open Dental failures become a retry, or a hold with the reason a person needs.
 */
export async function writeReport(
  deps: WriteDeps,
  job: WriteJob,
  writeAs: "procnote" | "commlog",
  context: { source: string; rule: string },
): Promise<Written | Held | Failed> {
  const { ledger, audit, office } = deps;
  const entry = ledger.pin(job.reportId, job.patNum, job.provNum, writeAs);
  if (entry.patNum !== job.patNum || entry.kind !== writeAs) {
    audit.record({
      reportId: job.reportId,
      decision: "hold",
      code: HoldCode.PATIENT_MISMATCH,
      patNum: job.patNum,
      rule: "ledger-pinned",
      detail: { pinned: entry.patNum },
    });
    const detail = `this report was already being written to PatNum ${entry.patNum} as a ${entry.kind}`;
    return { outcome: "held", reason: holdReason(HoldCode.PATIENT_MISMATCH, detail) };
  }
  try {
    const time = await office.time();
    const result = writeAs === "commlog" ? await writeCommlog(deps, job, time) : await writeProcNote(deps, job, time);
    if (result.kind === "held") {
      audit.record({
        reportId: job.reportId,
        decision: "hold",
        code: result.code,
        patNum: job.patNum,
        rule: "write",
        detail: { detail: result.detail },
      });
      return {
        outcome: "held",
        reason: holdReason(result.code, result.detail),
        target: { system: "opendental", ids: { PatNum: job.patNum, hold: result.code } },
      };
    }
    audit.record({
      reportId: job.reportId,
      decision: "written",
      patNum: job.patNum,
      source: context.source,
      rule: context.rule,
      detail: result.ids,
    });
    const target = { system: "opendental", ids: { ...result.ids, source: context.source, rule: context.rule } };
    return {
      outcome: "written",
      target,
      ...(result.remarks.length > 0 ? { reason: result.remarks.join("; ").slice(0, 1000) } : {}),
    };
  } catch (error) {
    const outcome = failureOutcome(error, job.reportId, audit, "write");
    if (outcome) return outcome;
    throw error;
  }
}
