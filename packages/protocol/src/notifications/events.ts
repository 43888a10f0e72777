import { z } from "zod";
import { Timestamp } from "../ids.ts";
import { ReportReadyData } from "../v1/messages.ts";
import { ClientReportStatus, TargetRef } from "../v2/report-target.ts";
import { ForeignId, lineOfText, paragraphsOfText } from "./foreign-id.ts";
import { NotificationLink } from "./link.ts";

// The data of each care-team event. Ids are the customer's own; texts are short, for a toast or a
// dashboard line: a notification says that something happened and where to look, the web app
// fetches the record itself. Unknown fields are stripped, so a producer on a newer catalog never
// gets a 400 for a field this hub does not know yet.

/** A doctor asked to see a patient's records; the patient is told. */
export const NewAccessRequestData = z.object({
  request_id: ForeignId,
  patient_id: ForeignId,
  doctor_id: ForeignId,
  /** The doctor's name as the patient should see it. */
  doctor_name: lineOfText(200).optional(),
  /** Why the doctor asks, in the doctor's words. */
  reason: paragraphsOfText(500).optional(),
  requested_at: Timestamp,
});
export type NewAccessRequestData = z.infer<typeof NewAccessRequestData>;

/** What a patient decided about an access request. */
export const AccessRequestStatus = z.enum(["approved", "rejected"]);
export type AccessRequestStatus = z.infer<typeof AccessRequestStatus>;

/** The patient approved or rejected an access request; the doctor (and the patient's other devices) are told. */
export const AccessRequestStatusChangedData = z.object({
  request_id: ForeignId,
  patient_id: ForeignId,
  doctor_id: ForeignId,
  status: AccessRequestStatus,
  changed_at: Timestamp,
});
export type AccessRequestStatusChangedData = z.infer<typeof AccessRequestStatusChangedData>;

/**
 * Where a prescription is: `validated` (signed by the doctor, waiting for a pharmacist), then
 * `prepared`, `ready` (for pick-up or delivery) and `delivered`, set by the pharmacist.
 */
export const PrescriptionStatus = z.enum(["validated", "prepared", "ready", "delivered"]);
export type PrescriptionStatus = z.infer<typeof PrescriptionStatus>;

/** A prescription moved on; pharmacists, its doctor and its patient follow it. */
export const PrescriptionStatusChangedData = z.object({
  prescription_id: ForeignId,
  patient_id: ForeignId,
  doctor_id: ForeignId,
  /** The pharmacist handling it, once one has taken it. */
  pharmacist_id: ForeignId.optional(),
  status: PrescriptionStatus,
  changed_at: Timestamp,
});
export type PrescriptionStatusChangedData = z.infer<typeof PrescriptionStatusChangedData>;

/** The fields every medical-record event shares: which record, whose, and its title. */
const MedicalRecordRef = z.object({
  record_id: ForeignId,
  patient_id: ForeignId,
  title: lineOfText(200).optional(),
});

/** A doctor created a medical record for a patient. */
export const MedicalRecordCreatedData = MedicalRecordRef.extend({ doctor_id: ForeignId, created_at: Timestamp });
export type MedicalRecordCreatedData = z.infer<typeof MedicalRecordCreatedData>;

/** A medical record changed. `updated_by` is the user who changed it. */
export const MedicalRecordUpdatedData = MedicalRecordRef.extend({ updated_by: ForeignId, updated_at: Timestamp });
export type MedicalRecordUpdatedData = z.infer<typeof MedicalRecordUpdatedData>;

/** How a web app should present a generic notification (e.g. the toast's colour). Default `info`. */
export const NotificationLevel = z.enum(["info", "success", "warning", "error"]);
export type NotificationLevel = z.infer<typeof NotificationLevel>;

/** A generic notification: a title, a body and, optionally, where it leads. */
export const GenericNotificationData = z.object({
  title: lineOfText(200),
  body: paragraphsOfText(2000),
  link: NotificationLink.optional(),
  level: NotificationLevel.optional(),
});
export type GenericNotificationData = z.infer<typeof GenericNotificationData>;

/**
 * What the clinic's PC last said about one of the doctor's reports: `received` (it has it),
 * `written` (into the clinic's software, on the ids of `target`), `held` (waiting for a person, with
 * the `reason`) or `failed` (with the `reason`). The hub publishes it to the report's doctor only.
 */
export const ReportStatusChangedData = z.object({
  report_id: z.string().min(1).max(64),
  status: ClientReportStatus,
  at: Timestamp,
  reason: z.string().min(1).max(1000).optional(),
  target: TargetRef.optional(),
});
export type ReportStatusChangedData = z.infer<typeof ReportStatusChangedData>;

/** An event of the catalog: its name and the schema of its data. */
function eventOf<const N extends string, D extends z.ZodType>(name: N, data: D) {
  return z.object({ event: z.literal(name), data });
}

export const NewAccessRequestEvent = eventOf("new_access_request", NewAccessRequestData);
export const AccessRequestStatusChangedEvent = eventOf("access_request_status_changed", AccessRequestStatusChangedData);
export const PrescriptionStatusChangedEvent = eventOf("prescription_status_changed", PrescriptionStatusChangedData);
export const MedicalRecordCreatedEvent = eventOf("medical_record_created", MedicalRecordCreatedData);
export const MedicalRecordUpdatedEvent = eventOf("medical_record_updated", MedicalRecordUpdatedData);
export const GenericNotificationEvent = eventOf("notification", GenericNotificationData);
/** A report for a doctor's web app: the same data a clinic agent gets. Only the hub publishes it. */
export const ReportReadyEvent = eventOf("report_ready", ReportReadyData);
/** A report's state at the clinic changed (see {@link ReportStatusChangedData}). Only the hub publishes it. */
export const ReportStatusChangedEvent = eventOf("report_status_changed", ReportStatusChangedData);
