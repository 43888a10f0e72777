import { z } from "zod";
import * as events from "./events.ts";
import { lineOfText } from "./foreign-id.ts";
import { NotificationTarget } from "./target.ts";

const addressing = { to: NotificationTarget, dedupe_key: lineOfText(200).optional() };

/**
 * Body of `POST /v1/notifications`: `to` whom, which `event`, its `data` (validated against that
 * event's schema), and an optional `dedupe_key`: a repeated publish with the same key for the same
 * target within 24 hours is a no-op, so a producer may retry after a timeout without doubling a
 * notification. Read the body within {@link MAX_NOTIFICATION_REQUEST_BYTES} and check
 * {@link exceedsJsonDepth} before parsing it. The events are those of
 * {@link ProducerNotificationEvent} (a test keeps the two lists equal).
 */
export const PublishNotificationRequest = z.discriminatedUnion("event", [
  events.NewAccessRequestEvent.extend(addressing),
  events.AccessRequestStatusChangedEvent.extend(addressing),
  events.PrescriptionStatusChangedEvent.extend(addressing),
  events.MedicalRecordCreatedEvent.extend(addressing),
  events.MedicalRecordUpdatedEvent.extend(addressing),
  events.GenericNotificationEvent.extend(addressing),
]);
export type PublishNotificationRequest = z.infer<typeof PublishNotificationRequest>;
