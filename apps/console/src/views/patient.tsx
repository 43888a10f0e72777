import { t, tk } from "../i18n/i18n.ts";
import { accessRequests, prescriptions, records } from "./derive.ts";
import type { ViewProps } from "./view-props.ts";

/** The patient's dashboard: access requests to decide, new records, prescriptions through to delivery. */
export function PatientView({ snap, act }: ViewProps) {
  const requests = accessRequests(snap.items);
  return (
    <div class="dashboard" data-testid="patient">
      <section aria-labelledby="access-title">
        <h2 id="access-title">{t.accessRequests}</h2>
        <ul data-testid="access-requests">
          {requests.map(({ request, decision }) => (
            <li key={request.request_id} data-status={decision?.status ?? "pending"}>
              {request.doctor_name ?? request.doctor_id}:{" "}
              <strong>{tk(`status_${decision?.status ?? "pending"}`)}</strong>
              {decision || !act ? null : (
                <span class="actions">
                  {(["approved", "rejected"] as const).map((status) => (
                    <button
                      type="button"
                      key={status}
                      onClick={() =>
                        act({
                          action: "access_decision",
                          request_id: request.request_id,
                          doctor_id: request.doctor_id,
                          status,
                        })
                      }
                    >
                      {status === "approved" ? t.approve : t.reject}
                    </button>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="records-title">
        <h2 id="records-title">{t.records}</h2>
        <ul data-testid="records">
          {records(snap.items).map((r) => (
            <li key={r.record_id}>
              <strong>{r.title ?? r.record_id}</strong> — {r.doctor_id}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rx-title">
        <h2 id="rx-title">{t.prescriptions}</h2>
        <ul data-testid="prescriptions">
          {prescriptions(snap.items).map((p) => (
            <li key={p.prescription_id} data-status={p.status}>
              {p.prescription_id}: <strong>{tk(`rx_${p.status}`)}</strong>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
