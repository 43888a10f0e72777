import type { ReportDelivery, ReportReadyData } from "@sofia/protocol";

/** A report as the hub would send it, carrying `marker` in every section. */
export function report(id: string, marker = "m"): ReportReadyData {
  return {
    report_id: id,
    url: `https://hub.example/v1/reports/${id}/report.docx`,
    html_content: `<p>${marker}</p>`,
    rtf_report: `{\\rtf1 ${marker}}`,
    plaintext_report: `Findings: ${marker}`,
    json_report: { history: marker, findings: marker, diagnosis: marker, procedure: marker, recommendation: marker },
    patient: { name: "Jane Doe", birthdate: "1980-04-02", opendental_patnum: 42 },
  };
}

/** A v2 `report_ready` delivery. */
export function delivery(seq: number, id = `rep_${seq}`): ReportDelivery {
  return {
    type: "deliver",
    seq,
    id: `dlv_${seq}`,
    ts: "2026-11-20T09:00:00.000Z",
    event: "report_ready",
    data: report(id),
  };
}
