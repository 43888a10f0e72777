import type {
  AccessRequestStatusChangedData,
  MedicalRecordCreatedData,
  NewAccessRequestData,
  NotificationData,
  PrescriptionStatusChangedData,
  ReportStatusChangedData,
} from "@sofia/protocol";
import type { Item } from "../live/inbox-store.ts";

// The dashboards are views of the inbox: each derives its lists from the items (newest first),
// so a new delivery updates them without any other request.

/** The items oldest first (each step after the one it follows). */
const oldestFirst = (items: readonly Item[]) => [...items].reverse().map((item) => item.ev);

/** A report with what the clinic's PC last said about it. */
export interface ReportView {
  report: NotificationData<"report_ready">;
  status: ReportStatusChangedData | null;
}

/** The doctor's reports, newest first, each with its latest status. */
export function reports(items: readonly Item[]): ReportView[] {
  const statuses = new Map<string, ReportStatusChangedData>();
  for (const ev of oldestFirst(items))
    if (ev.event === "report_status_changed") statuses.set(ev.data.report_id, ev.data);
  return items
    .flatMap((item) => (item.ev.event === "report_ready" ? [item.ev.data] : []))
    .map((report) => ({ report, status: statuses.get(report.report_id) ?? null }));
}

/** Each prescription's latest step, newest first. */
export function prescriptions(items: readonly Item[]): PrescriptionStatusChangedData[] {
  const latest = new Map<string, PrescriptionStatusChangedData>();
  for (const ev of oldestFirst(items))
    if (ev.event === "prescription_status_changed") latest.set(ev.data.prescription_id, ev.data);
  return [...latest.values()].reverse();
}

/** Access requests a patient received, each with the decision if made. */
export function accessRequests(items: readonly Item[]) {
  const decisions = new Map<string, AccessRequestStatusChangedData>();
  for (const ev of oldestFirst(items))
    if (ev.event === "access_request_status_changed") decisions.set(ev.data.request_id, ev.data);
  return items
    .flatMap((item) => (item.ev.event === "new_access_request" ? [item.ev.data] : []))
    .map((request: NewAccessRequestData) => ({ request, decision: decisions.get(request.request_id) ?? null }));
}

/** Decisions on access requests (what a doctor hears), newest first. */
export function accessOutcomes(items: readonly Item[]): AccessRequestStatusChangedData[] {
  return items.flatMap((item) => (item.ev.event === "access_request_status_changed" ? [item.ev.data] : []));
}

/** New medical records, newest first. */
export function records(items: readonly Item[]): MedicalRecordCreatedData[] {
  return items.flatMap((item) => (item.ev.event === "medical_record_created" ? [item.ev.data] : []));
}
