import type { ReportStatusChangedData } from "@sofia/protocol";
import { t, tk } from "../i18n/i18n.ts";
import type { ReportView } from "./derive.ts";

const SECTIONS = ["history", "findings", "diagnosis", "procedure", "recommendation"] as const;

/** Where a report is, in words: sent to the clinic PC, written on PatNum …, held and why, failed. */
function deliveryText(status: ReportStatusChangedData | null): string {
  if (status === null) return t.state_waiting;
  const base = tk(`state_${status.status}`);
  const patNum = status.target?.ids.PatNum;
  if (status.status === "written" && patNum !== undefined) return `${base} ${t.onPatNum} ${patNum}`;
  if (status.reason) return `${base} — ${t.because} ${status.reason}`;
  return base;
}

/** The patient as the report names them. */
function patientName(patient: ReportView["report"]["patient"]): string {
  if (!patient) return "—";
  const name = patient.name ?? [patient.given_name, patient.family_name].filter(Boolean).join(" ");
  return name || patient.external_id || "—";
}

/** The current patient's report: its sections as text (never as HTML) and its delivery state. */
export function ReportCard({ view }: { view: ReportView }) {
  const { report, status } = view;
  const patient = report.patient;
  return (
    <article class="report" data-testid="report" data-report={report.report_id}>
      <p>
        {t.patient}: <strong>{patientName(patient)}</strong> · {t.visit}: {report.visit_date ?? "—"}
      </p>
      <dl>
        {SECTIONS.map((section) => (
          <div key={section}>
            <dt>{tk(`section_${section}`)}</dt>
            <dd>{report.json_report[section]}</dd>
          </div>
        ))}
      </dl>
      <p class={`state ${status?.status ?? "waiting"}`} data-testid="delivery" data-state={status?.status ?? "waiting"}>
        {t.delivery}: <strong>{deliveryText(status)}</strong>
      </p>
    </article>
  );
}
