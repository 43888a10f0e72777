import { OpenDentalError } from "@sofia/opendental";
import type { OfficeTime } from "../office-time.ts";
import type { LedgerEntry } from "../state/ledger.ts";
import { markerOf } from "./note-text.ts";
import type { WriteDeps, WriteJob } from "./result.ts";

/** The largest Word document fetched (the Upload body must stay under 16.8M characters once in base64). */
const MAX_DOCX_BYTES = 12 * 1024 * 1024;

/**
 * With `opendental.attach-docx`, uploads the report's Word document into the patient's Images
 * (Documents POST Upload), described with the report's marker so an upload whose answer was lost
 * is found rather than repeated. A document that cannot be had (the signed link expired, the key
 * lacks the Documents permission, Open Dental refused it) does not undo the note: the report is
 * written, with a remark saying the document is missing. Failures worth retrying propagate.
 */
export async function attachDocument(
  deps: WriteDeps,
  job: WriteJob,
  entry: LedgerEntry,
  time: OfficeTime,
  nowMs: number,
): Promise<{ docNum?: number; remark?: string }> {
  if (!job.attachDocx) return {};
  if (entry.doc === "uploaded" && entry.docNum) return { docNum: entry.docNum };
  if (entry.doc === "skipped") return { remark: "docx_not_attached: see this PC's status page" };
  const { office, ledger } = deps;
  const description = `Sofia visit report (${markerOf(job.reportId)})`;
  if (entry.doc === "uploading") {
    const listed = await office.track(office.client.documents.list(job.patNum));
    const found = listed.find((d) => d.Description.includes(markerOf(job.reportId)));
    if (found) {
      ledger.update(job.reportId, { doc: "uploaded", docNum: found.DocNum });
      return { docNum: found.DocNum };
    }
  }
  const file = await download(deps.fetch, job.docxUrl);
  if (typeof file === "string") return skip(deps, job, `docx_not_attached: ${file}`);
  ledger.update(job.reportId, { doc: "uploading" });
  try {
    const doc = await office.track(
      office.client.documents.upload(
        {
          PatNum: job.patNum,
          rawBase64: file.toString("base64"),
          extension: ".docx",
          Description: description,
          DateCreated: time.wallText(nowMs),
          ImgType: "Document",
        },
        { reportId: job.reportId },
      ),
    );
    ledger.update(job.reportId, { doc: "uploaded", docNum: doc.DocNum });
    return { docNum: doc.DocNum };
  } catch (error) {
    if (!(error instanceof OpenDentalError)) throw error;
    if (error.outcomeUnknown || error.action === "retry") {
      if (!error.outcomeUnknown) ledger.update(job.reportId, { doc: null });
      throw error;
    }
    return skip(deps, job, `docx_not_attached: Open Dental answered ${error.code} to ${error.request}`);
  }
}

function skip(deps: WriteDeps, job: WriteJob, remark: string) {
  deps.ledger.update(job.reportId, { doc: "skipped" });
  deps.audit.record({
    reportId: job.reportId,
    decision: "written",
    code: "docx_not_attached",
    patNum: job.patNum,
    rule: "attach-docx",
    detail: { why: remark.slice(0, 300) },
  });
  return { remark };
}

/** The document's bytes, or why it could not be had (words without report content). */
async function download(fetchFn: typeof fetch, url: string): Promise<Buffer | string> {
  let response: Response;
  try {
    response = await fetchFn(url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    return `the report's Word document could not be downloaded (${error instanceof Error ? error.name : "error"})`;
  }
  if (response.status === 403) {
    await response.body?.cancel();
    return "the link to the report's Word document has expired (links last 15 minutes)";
  }
  if (!response.ok) {
    await response.body?.cancel();
    return `the hub answered ${response.status} for the report's Word document`;
  }
  if (Number(response.headers.get("content-length") ?? 0) > MAX_DOCX_BYTES) {
    await response.body?.cancel();
    return `the report's Word document is larger than ${MAX_DOCX_BYTES} bytes`;
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_DOCX_BYTES) return `the report's Word document is larger than ${MAX_DOCX_BYTES} bytes`;
  return bytes;
}
