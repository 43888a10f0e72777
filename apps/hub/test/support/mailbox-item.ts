import type { MailboxItem } from "../../src/store/records.ts";

/** A report's mailbox item with seq `seq` (the delivery engine's unit tests). */
export function mailboxItem(seq: number, recipient = "doctor:d"): MailboxItem {
  return {
    recipient,
    seq,
    id: `dlv_${seq}`,
    clinicId: "c",
    event: "report_ready",
    reportId: `rep_${seq}`,
    room: null,
    payload: "{}",
    createdMs: 0,
    expiredAt: null,
  };
}
