import type { OfficeTime } from "../office-time.ts";
import type { LedgerEntry } from "../state/ledger.ts";
import { attachDocument } from "./docx.ts";
import type { WriteDeps, WriteJob, WriteResult } from "./result.ts";

/**
 * The last steps of a write, whatever it wrote: the Word document when the clinic wants it, and
 * what the report became — its ids, plus remarks for a person (a read-back that differs, a
 * document that could not be attached).
 */
export async function finishWrite(
  deps: WriteDeps,
  job: WriteJob,
  entry: LedgerEntry,
  time: OfficeTime,
  written: { ids: Record<string, number | null>; what: "note" | "commlog" },
): Promise<WriteResult> {
  const remarks: string[] = [];
  if (entry.readBack === "mismatch") {
    remarks.push(
      `read_back_mismatch: the ${written.what} read back differs from the text sent; check it in Open Dental`,
    );
  }
  const doc = await attachDocument(deps, job, entry, time, deps.clock.now());
  if (doc.remark) remarks.push(doc.remark);
  const ids: Record<string, number> = { PatNum: job.patNum };
  for (const [name, value] of Object.entries({ ...written.ids, DocNum: doc.docNum ?? null })) {
    if (value) ids[name] = value;
  }
  return { kind: "written", ids, remarks };
}
