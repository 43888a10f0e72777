import type { ReportReadyData } from "@sofia/protocol";
import { renderContextOf, renderInline } from "../render/index.ts";
import type { Clinic, Doctor, ReportRecord } from "../store/records.ts";

/** Makes the signed download link a `report_ready` message carries. */
export interface ReportLinks {
  docxUrl(reportId: string): string;
}

/** `report_ready` data without the signed `url`, which is minted per delivery. */
export type ReportPayload = Omit<ReportReadyData, "url">;

/**
 * The JSON text of a report's delivery data, made once when it is published and stored in its
 * mailbox item: v1's `report_ready` without `type` and `url`, and v2's `report_ready` data without
 * `url`. The inputs were validated by the producer API.
 */
export function reportPayload(
  report: Pick<ReportRecord, "id" | "content" | "patient"> & {
    visitDate: string | null;
    visitStartedAt: string | null;
  },
  rendered: { html: string; rtf: string; plaintext: string },
): string {
  const payload: ReportPayload = {
    report_id: report.id,
    html_content: rendered.html,
    rtf_report: rendered.rtf,
    plaintext_report: rendered.plaintext,
    json_report: report.content,
    patient: report.patient,
    // Only the producer's own date: the hub's default is the UTC date of receipt, which is the
    // day before in an evening clinic of the Americas, and a clinic agent comparing it with the
    // office's calendar would hold every report then. Without it the agent uses the office's date.
    ...(report.visitDate === null ? {} : { visit_date: report.visitDate }),
    visit_started_at: report.visitStartedAt,
  };
  return JSON.stringify(payload);
}

/** The payload of a report stored before payloads were (its renderings are made now if missing). */
export function rebuiltPayload(report: ReportRecord, doctor: Doctor, clinic: Clinic): string {
  return reportPayload(
    // Reports stored before payloads were: their visit date may be the hub's default, so not sent.
    { ...report, visitDate: null, visitStartedAt: null },
    report.renderings ?? renderInline(renderContextOf(report, doctor, clinic)),
  );
}
