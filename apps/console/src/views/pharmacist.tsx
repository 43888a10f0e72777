import type { PrescriptionStatus } from "@sofia/protocol";
import { t, tk } from "../i18n/i18n.ts";
import { prescriptions } from "./derive.ts";
import type { ViewProps } from "./view-props.ts";

/** Each step's next one: a pharmacist prepares a validated prescription, then makes it ready, then delivers it. */
const NEXT: Record<PrescriptionStatus, "prepared" | "ready" | "delivered" | null> = {
  validated: "prepared",
  prepared: "ready",
  ready: "delivered",
  delivered: null,
};

/** The pharmacist's dashboard: new prescriptions to take on, and each one's steps. */
export function PharmacistView({ snap, act }: ViewProps) {
  return (
    <div class="dashboard" data-testid="pharmacist">
      <section aria-labelledby="rx-title">
        <h2 id="rx-title">{t.prescriptions}</h2>
        <ul data-testid="prescriptions">
          {prescriptions(snap.items).map((p) => {
            const next = NEXT[p.status];
            return (
              <li key={p.prescription_id} data-status={p.status}>
                {p.prescription_id} ({p.patient_id}, {p.doctor_id}): <strong>{tk(`rx_${p.status}`)}</strong>{" "}
                {next && act ? (
                  <button
                    type="button"
                    onClick={() =>
                      act({
                        action: "prescription_step",
                        prescription_id: p.prescription_id,
                        patient_id: p.patient_id,
                        doctor_id: p.doctor_id,
                        status: next,
                      })
                    }
                  >
                    {tk(`next_${next}`)}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
