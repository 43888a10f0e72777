import type { Database } from "bun:sqlite";
import type { MailboxEntry, ReportRecord } from "../records.ts";
import type { MailboxStore } from "../store.ts";
import type { AppendEvent } from "./timeline.ts";

interface ItemRow {
  doctor_id: string;
  seq: number;
  id: string;
  report_id: string;
  created_ms: number;
  expired_at: string | null;
}

/** The v2 mailboxes in SQLite. */
export function sqliteMailbox(
  db: Database,
  append: AppendEvent,
  getReport: (id: string) => ReportRecord | null,
): MailboxStore {
  const head = db.query<{ last_seq: number }, [string]>("SELECT last_seq FROM mailbox_heads WHERE doctor_id = ?");
  const cursor = db.query<{ acked_seq: number; doctor_id: string }, [string]>(
    "SELECT acked_seq, doctor_id FROM cursors WHERE consumer_id = ?",
  );
  const headOf = (doctorId: string) => head.get(doctorId)?.last_seq ?? 0;

  const toEntry = (row: ItemRow): MailboxEntry => {
    const report = getReport(row.report_id);
    if (!report) throw new Error(`mailbox item ${row.id} has no report`);
    return {
      doctorId: row.doctor_id,
      seq: row.seq,
      id: row.id,
      reportId: row.report_id,
      createdMs: row.created_ms,
      expiredAt: row.expired_at,
      report,
    };
  };

  return {
    async head(doctorId) {
      return headOf(doctorId);
    },
    async openCursor(consumerId, doctorId, from, at) {
      return db.transaction(() => {
        const existing = cursor.get(consumerId);
        if (existing) return existing.acked_seq;
        const start = from === "head" ? headOf(doctorId) : 0;
        db.query("INSERT INTO cursors (consumer_id, doctor_id, acked_seq, updated_at) VALUES (?, ?, ?, ?)").run(
          consumerId,
          doctorId,
          start,
          at,
        );
        return start;
      })();
    },
    async ack(consumerId, seq, at) {
      return db.transaction(() => {
        const current = cursor.get(consumerId);
        if (!current) throw new Error(`no cursor for ${consumerId}`);
        if (seq <= current.acked_seq) return current.acked_seq;
        const items = db
          .query<ItemRow, [string, number, number]>(
            "SELECT * FROM mailbox WHERE doctor_id = ? AND seq > ? AND seq <= ? ORDER BY seq",
          )
          .all(current.doctor_id, current.acked_seq, seq);
        for (const item of items) {
          if (item.expired_at === null)
            append(item.report_id, at, "acknowledged", { consumer: consumerId, seq: item.seq });
        }
        db.query("UPDATE cursors SET acked_seq = ?, updated_at = ? WHERE consumer_id = ?").run(seq, at, consumerId);
        return seq;
      })();
    },
    async itemsAfter(doctorId, afterSeq, limit) {
      return db
        .query<ItemRow, [string, number, number]>(
          "SELECT * FROM mailbox WHERE doctor_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        )
        .all(doctorId, afterSeq, limit)
        .map(toEntry);
    },
    async expire(cutoffMs, at, scope) {
      return db.transaction(() => {
        // Only items some consumer still waits for: a doctor served by v1 alone has no cursor, and
        // an item every consumer acknowledged has nobody to tell.
        const waiting = `m.expired_at IS NULL AND m.created_ms < ?
          AND EXISTS (SELECT 1 FROM cursors c WHERE c.doctor_id = m.doctor_id AND c.acked_seq < m.seq)`;
        const due = scope
          ? db
              .query<ItemRow, [string, number, number]>(
                `SELECT m.* FROM mailbox m WHERE m.doctor_id = ? AND m.seq > ? AND ${waiting}`,
              )
              .all(scope.doctorId, scope.afterSeq, cutoffMs)
          : db.query<ItemRow, [number]>(`SELECT m.* FROM mailbox m WHERE ${waiting}`).all(cutoffMs);
        for (const item of due) {
          db.query("UPDATE mailbox SET expired_at = ? WHERE doctor_id = ? AND seq = ?").run(
            at,
            item.doctor_id,
            item.seq,
          );
          append(item.report_id, at, "expired", { seq: item.seq });
        }
        return due.length;
      })();
    },
  };
}
