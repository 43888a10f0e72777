import type { ReportReadyData, ReportReadyMessage } from "@sofia/protocol";
import { renderContextOf, renderInline } from "../render/index.ts";
import type { Clinic, Doctor, ReportRecord } from "../store/records.ts";

/** Makes the signed download link a `report_ready` message carries. */
export interface ReportLinks {
  docxUrl(reportId: string): string;
}

/** Builds the v1 `report_ready` message for a stored report. Pure apart from the link's clock. */
export function buildReportReady(
  report: ReportRecord,
  doctor: Doctor,
  clinic: Clinic,
  links: ReportLinks,
): ReportReadyMessage {
  return { type: "report_ready", ...buildReportReadyData(report, doctor, clinic, links) };
}

/** The data of a report: v1's `report_ready` without `type`, and v2's `report_ready` delivery data. */
export function buildReportReadyData(
  report: ReportRecord,
  doctor: Doctor,
  clinic: Clinic,
  links: ReportLinks,
): ReportReadyData {
  // Renderings are made at publish time; only reports stored before that existed lack them.
  const rendered = report.renderings ?? renderInline(renderContextOf(report, doctor, clinic));
  return {
    report_id: report.id,
    url: links.docxUrl(report.id),
    html_content: rendered.html,
    rtf_report: rendered.rtf,
    plaintext_report: rendered.plaintext,
    json_report: report.content,
    patient: report.patient,
  };
}
