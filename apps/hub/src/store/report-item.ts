import type { NewMailboxItem } from "./records.ts";
import type { NewReport } from "./store.ts";

/**
 * The mailbox item that delivers a newly published report to its doctor. The store files it with
 * the report; the publisher hands the same item, with the seq the store gave it, to the doctor's
 * live connections. One definition keeps the two from drifting apart.
 */
export function doctorReportItem(r: Pick<NewReport, "id" | "clinicId" | "createdMs" | "delivery">): NewMailboxItem {
  return {
    recipient: r.delivery.recipient,
    id: r.delivery.itemId,
    clinicId: r.clinicId,
    event: "report_ready",
    reportId: r.id,
    room: null,
    payload: r.delivery.payload,
    createdMs: r.createdMs,
  };
}
