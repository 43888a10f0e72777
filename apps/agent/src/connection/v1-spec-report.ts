import { createHash } from "node:crypto";
import { Patient, ReportReadyData } from "@sofia/protocol";
import { z } from "zod";

/**
 * A `report_ready` exactly as the integrators' spec lists it: without the hub's two extensions,
 * `report_id` and `patient`. Endpoints that follow the spec (rather than Sofia's hub) send these.
 */
export const SpecReportReady = ReportReadyData.extend({
  type: z.literal("report_ready"),
  report_id: z.string().min(1).max(128).optional(),
  patient: Patient.nullable().optional(),
});

/**
 * The report as the journal keeps it. A spec report with no `report_id` gets one made from its
 * content (`v1-` and a SHA-256 of the renderings and sections), so the same report sent again —
 * v1 has no acknowledgement, endpoints resend — is recognised as a duplicate, in the journal and
 * by its marker in Open Dental. Without `patient` it names no patient: it is bound to the chair.
 */
export function fromSpec(message: z.infer<typeof SpecReportReady>): ReportReadyData {
  const { type: _type, report_id, patient, ...rest } = message;
  return { ...rest, report_id: report_id ?? contentId(rest), patient: patient ?? null };
}

function contentId(report: Omit<ReportReadyData, "report_id" | "patient" | "url">): string {
  // The signed url changes with every sending; everything else is the report itself.
  const { html_content, rtf_report, plaintext_report, json_report } = report;
  const digest = createHash("sha256").update(JSON.stringify([plaintext_report, html_content, rtf_report, json_report]));
  return `v1-${digest.digest("hex").slice(0, 40)}`;
}
