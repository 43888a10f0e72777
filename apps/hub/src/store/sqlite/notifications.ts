import type { Database } from "bun:sqlite";
import type { NotificationStore } from "../store.ts";
import { auditWriter } from "./audit.ts";
import type { MailboxAppend } from "./mailbox.ts";
import type { SyncMethods } from "./sync-store.ts";

/** Care-team notifications in SQLite: one row per publish, one inbox item per recipient. */
export function sqliteNotifications(db: Database, toMailbox: MailboxAppend): SyncMethods<NotificationStore> {
  const repeat = db.query<{ id: string; recipients: number }, [string, string, string, number]>(
    `SELECT id, recipients FROM notifications
     WHERE producer_id = ? AND room = ? AND dedupe_key = ? AND created_ms >= ? ORDER BY created_ms LIMIT 1`,
  );
  const insert = db.query(
    `INSERT INTO notifications (id, clinic_id, producer_id, room, event, dedupe_key, created_at, created_ms, recipients)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const audit = auditWriter(db);
  return {
    publish(n) {
      if (n.dedupeKey !== null) {
        const first = repeat.get(n.producerId, n.room, n.dedupeKey, n.dedupeSinceMs);
        if (first) return { id: first.id, created: false, recipients: first.recipients };
      }
      const total = n.recipients.length;
      insert.run(n.id, n.clinicId, n.producerId, n.room, n.event, n.dedupeKey, n.createdAt, n.createdMs, total);
      n.recipients.forEach((recipient, i) => {
        toMailbox({
          recipient,
          id: `${n.id}_${i}`,
          clinicId: n.clinicId,
          event: n.event,
          reportId: null,
          room: n.room,
          payload: n.payload,
          createdMs: n.createdMs,
        });
      });
      audit(n.audit);
      return { id: n.id, created: true, recipients: total };
    },
  };
}
