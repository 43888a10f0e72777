import { t, tk } from "../i18n/i18n.ts";
import { accessOutcomes, prescriptions, reports } from "./derive.ts";
import { ReportCard } from "./report-card.tsx";
import type { ViewProps } from "./view-props.ts";

const PATIENT = "pat-jane";

/** The doctor's dashboard: the current patient's report live, access-request outcomes, prescriptions. */
export function DoctorView({ snap, act }: ViewProps) {
  const [current] = reports(snap.items);
  const outcomes = accessOutcomes(snap.items);
  const rx = prescriptions(snap.items);
  return (
    <div class="dashboard" data-testid="doctor">
      <section aria-labelledby="report-title">
        <h2 id="report-title">{t.currentReport}</h2>
        {current ? <ReportCard view={current} /> : <p>{t.noReport}</p>}
      </section>
      <section aria-labelledby="access-title">
        <h2 id="access-title">{t.accessRequests}</h2>
        {act ? (
          <button type="button" onClick={() => act({ action: "request_access", patient_id: PATIENT })}>
            {t.requestAccess}
          </button>
        ) : null}
        <ul data-testid="access-outcomes">
          {outcomes.map((o) => (
            <li key={o.request_id} data-status={o.status}>
              {o.request_id} ({o.patient_id}): <strong>{tk(`status_${o.status}`)}</strong>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rx-title">
        <h2 id="rx-title">{t.prescriptions}</h2>
        {act ? (
          <span class="actions">
            <button type="button" onClick={() => act({ action: "prescribe", patient_id: PATIENT })}>
              {t.prescribe}
            </button>
            <button
              type="button"
              onClick={() => act({ action: "create_record", patient_id: PATIENT, title: t.recordTitle })}
            >
              {t.createRecord}
            </button>
          </span>
        ) : null}
        <ul data-testid="prescriptions">
          {rx.map((p) => (
            <li key={p.prescription_id} data-status={p.status}>
              {p.prescription_id} ({p.patient_id}): <strong>{tk(`rx_${p.status}`)}</strong>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
