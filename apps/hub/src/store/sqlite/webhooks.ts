import type { Database } from "bun:sqlite";
import type { OutboxItem } from "../records.ts";
import type { WebhookStore } from "../store.ts";
import type { SyncMethods } from "./sync-store.ts";
import type { AppendEvent } from "./timeline.ts";

interface OutboxRow {
  id: number;
  event_id: string;
  credential_id: string;
  report_id: string;
  payload: string;
  attempts: number;
  next_attempt_ms: number;
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  eventId: r.event_id,
  credentialId: r.credential_id,
  reportId: r.report_id,
  payload: r.payload,
  attempts: r.attempts,
  nextAttemptMs: r.next_attempt_ms,
});

/** Webhooks and their outbox in SQLite. */
export function sqliteWebhooks(db: Database, append: AppendEvent): SyncMethods<WebhookStore> {
  return {
    set(w) {
      db.query(
        `INSERT INTO webhooks (credential_id, url, secret, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (credential_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`,
      ).run(w.credentialId, w.url, w.secret, w.createdAt);
    },
    get(credentialId) {
      const row = db
        .query<{ credential_id: string; url: string; secret: string; created_at: string }, [string]>(
          "SELECT * FROM webhooks WHERE credential_id = ?",
        )
        .get(credentialId);
      return row
        ? { credentialId: row.credential_id, url: row.url, secret: row.secret, createdAt: row.created_at }
        : null;
    },
    due(nowMs, limit) {
      return db
        .query<OutboxRow, [number, number]>(
          "SELECT * FROM webhook_outbox WHERE done_at IS NULL AND next_attempt_ms <= ? ORDER BY id LIMIT ?",
        )
        .all(nowMs, limit)
        .map(toItem);
    },
    delivered(item, at, detail) {
      db.query("UPDATE webhook_outbox SET done_at = ?, attempts = attempts + 1 WHERE id = ?").run(at, item.id);
      append({ reportId: item.reportId, at, type: "webhook_delivered", detail });
    },
    failed(item, at, nextAttemptMs, detail) {
      db.query(
        `UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?,
           next_attempt_ms = COALESCE(?, next_attempt_ms), done_at = CASE WHEN ? IS NULL THEN ? END
         WHERE id = ?`,
      ).run(String(detail.error ?? ""), nextAttemptMs, nextAttemptMs, at, item.id);
      append({ reportId: item.reportId, at, type: "webhook_failed", detail });
    },
  };
}
