import type { Database } from "bun:sqlite";
import { ReportStatus } from "@sofia/protocol";
import { ulid } from "../../ids.ts";
import type { ReportEffectsRule } from "../../services/report-effects.ts";
import type { NewReportEvent } from "../store.ts";

/**
 * Appends timeline events. Each append, in the caller's transaction, applies the hub's rule (what
 * the event does to the report's status, whether the producer's webhook hears of it) and persists
 * the outcome: the event, the status and the webhook call commit together or not at all
 * (transactional outbox).
 */
export function sqliteTimeline(db: Database, rule: ReportEffectsRule) {
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
  return function append({ reportId, at, type, detail }: NewReportEvent): void {
    const row = report.get(reportId);
    if (!row) throw new Error(`no report ${reportId}`);
    insertEvent.run(reportId, at, type, JSON.stringify(detail));
    const atMs = Date.parse(at);
    const effects = rule({
      report: {
        id: reportId,
        status: ReportStatus.parse(row.status),
        doctorId: row.doctor_id,
        clinicId: row.clinic_id,
        producerId: row.producer_id,
      },
      event: { at, type, detail },
      producerHasWebhook: (hasWebhook.get(row.producer_id)?.n ?? 0) > 0,
      webhookEventId: `evt_${ulid(atMs)}`,
    });
    if (effects.status !== row.status) setStatus.run(effects.status, reportId);
    if (effects.webhook)
      enqueue.run(effects.webhook.id, row.producer_id, reportId, JSON.stringify(effects.webhook), atMs);
  };
}

/** The append function {@link sqliteTimeline} returns. */
export type AppendEvent = ReturnType<typeof sqliteTimeline>;
