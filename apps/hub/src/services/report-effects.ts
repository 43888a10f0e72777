import type { EventDetail, ReportEventType, ReportStatus, WebhookEvent } from "@sofia/protocol";

/** What a rule needs to know about the report an event happens to. */
export interface ReportFacts {
  id: string;
  status: ReportStatus;
  doctorId: string;
  clinicId: string;
  producerId: string;
}

/** One event in a report's timeline. */
export interface TimelineEvent {
  at: string;
  type: ReportEventType;
  detail: EventDetail;
}

/** What an event does: the report's status afterwards, and the webhook call to queue, if any. */
export interface ReportEffects {
  status: ReportStatus;
  webhook: WebhookEvent | null;
}

/** The rule every store applies inside the transaction that appends an event. */
export type ReportEffectsRule = (input: {
  report: ReportFacts;
  event: TimelineEvent;
  /** Whether the report's producer has registered a webhook. */
  producerHasWebhook: boolean;
  /** The id the webhook event gets if one is queued (ids are the store's to mint). */
  webhookEventId: string;
}) => ReportEffects;

const RANK: Record<ReportStatus, number> = {
  stored: 0,
  sent: 1,
  expired: 1,
  acknowledged: 2,
  received: 3,
  held: 4,
  failed: 4,
  written: 5,
};

/**
 * A report's status after a timeline event. Status only moves forward (a late `sent` from a
 * second client does not undo `written`); `held` and `failed` may follow each other, and
 * `expired` applies only to reports no client has acknowledged.
 */
export function nextStatus(current: ReportStatus, event: ReportEventType): ReportStatus {
  if (event === "stored" || event === "webhook_delivered" || event === "webhook_failed") return current;
  if (event === "expired") return RANK[current] < RANK.acknowledged ? "expired" : current;
  return RANK[event] >= RANK[current] ? event : current;
}

/**
 * What an event does to its report: the status moves as {@link nextStatus} says, and every event
 * except a webhook attempt's own outcome is announced to the producer's webhook, if it has one.
 * Pure, so the SQLite and PostgreSQL stores apply one rule instead of each keeping a copy.
 */
export const reportEffects: ReportEffectsRule = ({ report, event, producerHasWebhook, webhookEventId }) => {
  const status = nextStatus(report.status, event.type);
  const announces = event.type !== "webhook_delivered" && event.type !== "webhook_failed";
  const webhook: WebhookEvent | null =
    announces && producerHasWebhook
      ? {
          id: webhookEventId,
          type: "report.status",
          created_at: event.at,
          data: {
            report_id: report.id,
            doctor_id: report.doctorId,
            clinic_id: report.clinicId,
            status,
            event: { at: event.at, type: event.type, detail: event.detail },
          },
        }
      : null;
  return { status, webhook };
};
