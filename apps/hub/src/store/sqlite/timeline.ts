import type { Database } from "bun:sqlite";
import { type EventDetail, type ReportEventType, ReportStatus, type WebhookEvent } from "@sofia/protocol";
import { ulid } from "../../ids.ts";
import { nextStatus } from "../report-status.ts";

/**
 * Appends timeline events. Each append, in the caller's transaction, moves the report's status and,
 * when the report's producer registered a webhook, queues the webhook call in the outbox: the
 * event and its notification commit together or not at all (transactional outbox).
 */
export function sqliteTimeline(db: Database) {
  const report = db.query<{ status: string; doctor_id: string; clinic_id: string; producer_id: string }, [string]>(
    "SELECT status, doctor_id, clinic_id, producer_id FROM reports WHERE id = ?",
  );
  const insertEvent = db.query("INSERT INTO report_events (report_id, at, type, detail) VALUES (?, ?, ?, ?)");
  const setStatus = db.query("UPDATE reports SET status = ? WHERE id = ?");
  const hasWebhook = db.query<{ n: number }, [string]>("SELECT COUNT(*) AS n FROM webhooks WHERE credential_id = ?");
  const enqueue = db.query(
    `INSERT INTO webhook_outbox (event_id, credential_id, report_id, payload, next_attempt_ms)
     VALUES (?, ?, ?, ?, ?)`,
  );

  /** Appends one event; call inside a transaction. */
  return function append(reportId: string, at: string, type: ReportEventType, detail: EventDetail): void {
    const row = report.get(reportId);
    if (!row) throw new Error(`no report ${reportId}`);
    insertEvent.run(reportId, at, type, JSON.stringify(detail));
    const status = nextStatus(ReportStatus.parse(row.status), type);
    if (status !== row.status) setStatus.run(status, reportId);
    const notifies = type !== "webhook_delivered" && type !== "webhook_failed";
    if (notifies && (hasWebhook.get(row.producer_id)?.n ?? 0) > 0) {
      const atMs = Date.parse(at);
      const event: WebhookEvent = {
        id: `evt_${ulid(atMs)}`,
        type: "report.status",
        created_at: at,
        data: {
          report_id: reportId,
          doctor_id: row.doctor_id,
          clinic_id: row.clinic_id,
          status,
          event: { at, type, detail },
        },
      };
      enqueue.run(event.id, row.producer_id, reportId, JSON.stringify(event), atMs);
    }
  };
}

/** The append function {@link sqliteTimeline} returns. */
export type AppendEvent = ReturnType<typeof sqliteTimeline>;
