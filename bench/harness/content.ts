/**
 * What every target is asked to carry: a report of about 380 characters (the size of a real
 * visit summary), the same for the hub, the Socket.IO peer and the ceiling.
 */
export const REPORT = {
  history: "Patient reports intermittent sensitivity to cold on the lower left for three weeks.",
  findings: "Occlusal caries on 36 reaching dentin; no periapical radiolucency on the bitewing.",
  diagnosis: "Reversible pulpitis, tooth 36, secondary to occlusal caries into dentin.",
  procedure: "Local anesthesia, caries removal, composite restoration on 36, occlusion checked.",
  recommendation: "Avoid very cold drinks for a week; recall in six months with bitewings.",
} as const;

/** The `POST /v1/reports` body for a doctor; `tag` makes each report's idempotency key unique. */
export function reportBody(doctorId: string, tag: string) {
  return {
    doctor_id: doctorId,
    report: REPORT,
    patient: { name: "Mateo Garcia", birthdate: "1979-07-30" },
    idempotency_key: tag,
  };
}

/** Doctor ids of the bench clinic, one per connection. */
export const doctorId = (i: number) => `dr-${i}`;
export const BENCH_CLINIC = "bench-clinic";
