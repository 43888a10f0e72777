import { z } from "zod";
import {
  AccessRequestStatusChangedEvent,
  GenericNotificationEvent,
  MedicalRecordCreatedEvent,
  MedicalRecordUpdatedEvent,
  NewAccessRequestEvent,
  PrescriptionStatusChangedEvent,
  ReportReadyEvent,
  ReportStatusChangedEvent,
} from "./events.ts";

/**
 * Events a producer may publish with `POST /v1/notifications` (token scope
 * `notifications:publish`), discriminated on `event`.
 */
export const ProducerNotificationEvent = z.discriminatedUnion("event", [
  NewAccessRequestEvent,
  AccessRequestStatusChangedEvent,
  PrescriptionStatusChangedEvent,
  MedicalRecordCreatedEvent,
  MedicalRecordUpdatedEvent,
  GenericNotificationEvent,
]);
export type ProducerNotificationEvent = z.infer<typeof ProducerNotificationEvent>;

/**
 * Every event a care-team web app may receive: the producers' events, plus `report_ready`, which
 * the hub itself publishes when a report for the doctor is stored, and `report_status_changed`,
 * when the clinic's PC says what became of it (a producer can forge neither).
 */
export const NotificationEvent = z.discriminatedUnion("event", [
  ...ProducerNotificationEvent.options,
  ReportReadyEvent,
  ReportStatusChangedEvent,
]);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

/** The name of every event in the catalog. */
export type NotificationEventName = NotificationEvent["event"];

/** The data an event of name `E` carries. */
export type NotificationData<E extends NotificationEventName> = Extract<NotificationEvent, { event: E }>["data"];

/** Every event name, in catalog order. */
export const NOTIFICATION_EVENTS: readonly NotificationEventName[] = NotificationEvent.options.map(
  (option) => option.shape.event.value,
);

/** The names a producer may publish. */
export const PRODUCER_NOTIFICATION_EVENTS: readonly ProducerNotificationEvent["event"][] =
  ProducerNotificationEvent.options.map((option) => option.shape.event.value);
