import type { NewReport } from "../../src/store/store.ts";

/** A report as the publisher would store it, with defaults for everything a test does not care about. */
export function newReport(input: { id: string; doctorId: string; clinicId: string } & Partial<NewReport>): NewReport {
  const createdAt = input.createdAt ?? "2026-11-21T09:00:00.000Z";
  return {
    content: { history: "", findings: "", diagnosis: "", procedure: "", recommendation: "" },
    patient: null,
    producerId: "p",
    idempotencyKey: null,
    createdAt,
    createdMs: Date.parse(createdAt),
    language: "en",
    visitDate: createdAt.slice(0, 10),
    delivery: {
      recipient: `doctor:${input.doctorId}`,
      itemId: `dlv_${input.id}`,
      payload: JSON.stringify({ report_id: input.id }),
      userInbox: null,
    },
    audit: {
      at: createdAt,
      actor: input.producerId ?? "p",
      action: "report.published",
      subject: input.id,
      clinicId: input.clinicId,
      detail: {},
    },
    ...input,
  };
}
