import type { Database } from "bun:sqlite";
import type { EventDetail } from "@sofia/protocol";
import type { MailboxItem, NewMailboxItem } from "../records.ts";
import type { MailboxStore } from "../store.ts";
import { auditWriter } from "./audit.ts";
import type { SyncMethods } from "./sync-store.ts";
import type { AppendEvent } from "./timeline.ts";

interface ItemRow {
  recipient: string;
  seq: number;
  id: string;
  clinic_id: string;
  event: string;
  report_id: string | null;
  room: string | null;
  payload: string | null;
  created_ms: number;
  expired_at: string | null;
}

const toItem = (r: ItemRow): MailboxItem => ({
  recipient: r.recipient,
  seq: r.seq,
  id: r.id,
  clinicId: r.clinic_id,
  event: r.event,
  reportId: r.report_id,
  room: r.room,
  payload: r.payload,
  createdMs: r.created_ms,
  expiredAt: r.expired_at,
});

/** Puts an item in its recipient's mailbox with the next seq; call inside a transaction. */
export type MailboxAppend = (item: NewMailboxItem) => MailboxItem;

/** Issues seqs and inserts items; the report store uses it to file a report in the same transaction. */
export function mailboxAppender(db: Database): MailboxAppend {
  const nextSeq = db.query<{ last_seq: number }, [string]>(
    `INSERT INTO mailbox_heads (recipient, last_seq) VALUES (?, 1)
     ON CONFLICT (recipient) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
  );
  const insert = db.query(
    `INSERT INTO mailbox (recipient, seq, id, clinic_id, event, report_id, room, payload, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (item) => {
    const seq = nextSeq.get(item.recipient)?.last_seq;
    if (seq === undefined) throw new Error("mailbox sequence not issued");
    insert.run(
      item.recipient,
      seq,
      item.id,
      item.clinicId,
      item.event,
      item.reportId,
      item.room,
      item.payload,
      item.createdMs,
    );
    return { ...item, seq, expiredAt: null };
  };
}

/** The mailboxes and cursors in SQLite. */
export function sqliteMailbox(db: Database, append: AppendEvent): SyncMethods<MailboxStore> {
  const head = db.query<{ last_seq: number }, [string]>("SELECT last_seq FROM mailbox_heads WHERE recipient = ?");
  const cursorOf = db.query<{ acked_seq: number; recipient: string }, [string]>(
    "SELECT acked_seq, recipient FROM cursors WHERE consumer_id = ?",
  );
  const moveCursor = db.query(
    "UPDATE cursors SET acked_seq = ?, updated_at = ? WHERE consumer_id = ? AND acked_seq < ?",
  );
  // What an ack needs of the items it covers; not their payloads (kilobytes each).
  const between = db.query<Pick<ItemRow, "seq" | "report_id" | "expired_at">, [string, number, number]>(
    "SELECT seq, report_id, expired_at FROM mailbox WHERE recipient = ? AND seq > ? AND seq <= ? ORDER BY seq",
  );
  const headOf = (recipient: string) => head.get(recipient)?.last_seq ?? 0;
  const audit = auditWriter(db);
  const toMailbox = mailboxAppender(db);

  return {
    head: headOf,
    append: toMailbox,
    cursor(consumerId) {
      const row = cursorOf.get(consumerId);
      return row ? { consumerId, recipient: row.recipient, ackedSeq: row.acked_seq } : null;
    },
    openCursor(consumerId, recipient, from, at) {
      const existing = cursorOf.get(consumerId);
      if (existing) return existing.acked_seq;
      const start = from === "head" ? headOf(recipient) : 0;
      db.query("INSERT INTO cursors (consumer_id, recipient, acked_seq, updated_at) VALUES (?, ?, ?, ?)").run(
        consumerId,
        recipient,
        start,
        at,
      );
      return start;
    },
    ack(consumerId, seq, at, unsupported = []) {
      const current = cursorOf.get(consumerId);
      if (!current) throw new Error(`no cursor for ${consumerId}`);
      if (seq <= current.acked_seq) return current.acked_seq;
      const skipped = new Set(unsupported);
      for (const item of between.all(current.recipient, current.acked_seq, seq)) {
        if (item.expired_at !== null || item.report_id === null) continue;
        const detail: EventDetail = { consumer: consumerId, seq: item.seq };
        if (skipped.has(item.seq)) detail.on_behalf = "unsupported_event";
        append({ reportId: item.report_id, at, type: "acknowledged", detail });
      }
      moveCursor.run(seq, at, consumerId, seq);
      return seq;
    },
    recordSent({ consumerId, at, events, audit: record, advanceTo }) {
      for (const event of events) append(event);
      if (record) audit(record);
      if (advanceTo !== null) moveCursor.run(advanceTo, at, consumerId, advanceTo);
    },
    itemsAfter(recipient, afterSeq, limit) {
      return db
        .query<ItemRow, [string, number, number]>(
          "SELECT * FROM mailbox WHERE recipient = ? AND seq > ? ORDER BY seq LIMIT ?",
        )
        .all(recipient, afterSeq, limit)
        .map(toItem);
    },
    markRead(recipient, ids, at) {
      const marked: string[] = [];
      const mark = db.query(
        `INSERT INTO inbox_reads (recipient, seq, read_at)
         SELECT recipient, seq, ? FROM mailbox WHERE recipient = ? AND id = ? ON CONFLICT DO NOTHING`,
      );
      for (const id of new Set(ids)) if (mark.run(at, recipient, id).changes > 0) marked.push(id);
      return marked;
    },
    inbox(recipient, { unreadOnly, before, limit }) {
      const rows = db
        .query<ItemRow & { read_at: string | null }, [string, number, number, number]>(
          `SELECT m.*, r.read_at FROM mailbox m LEFT JOIN inbox_reads r ON r.recipient = m.recipient AND r.seq = m.seq
           WHERE m.recipient = ? AND m.seq < ? AND m.expired_at IS NULL AND (? = 0 OR r.read_at IS NULL)
           ORDER BY m.seq DESC LIMIT ?`,
        )
        .all(recipient, before ?? Number.MAX_SAFE_INTEGER, unreadOnly ? 1 : 0, limit);
      const unread =
        db
          .query<{ n: number }, [string]>(
            `SELECT COUNT(*) AS n FROM mailbox m LEFT JOIN inbox_reads r ON r.recipient = m.recipient AND r.seq = m.seq
             WHERE m.recipient = ? AND m.expired_at IS NULL AND r.read_at IS NULL`,
          )
          .get(recipient)?.n ?? 0;
      return { items: rows.map((row) => ({ ...toItem(row), read: row.read_at !== null })), unread };
    },
    expire(cutoffMs, at, scope) {
      // Only items some consumer still waits for: an item every consumer acknowledged has nobody
      // to tell, and a recipient nobody consumes has no one waiting.
      const waiting = `m.expired_at IS NULL AND m.created_ms < ?
        AND EXISTS (SELECT 1 FROM cursors c WHERE c.recipient = m.recipient AND c.acked_seq < m.seq)`;
      const due = scope
        ? scope.seqs.flatMap((seq) =>
            db
              .query<ItemRow, [string, number, number]>(
                `SELECT m.* FROM mailbox m WHERE m.recipient = ? AND m.seq = ? AND ${waiting}`,
              )
              .all(scope.recipient, seq, cutoffMs),
          )
        : db.query<ItemRow, [number]>(`SELECT m.* FROM mailbox m WHERE ${waiting}`).all(cutoffMs);
      for (const item of due) {
        db.query("UPDATE mailbox SET expired_at = ? WHERE recipient = ? AND seq = ?").run(at, item.recipient, item.seq);
        if (item.report_id !== null)
          append({ reportId: item.report_id, at, type: "expired", detail: { seq: item.seq } });
      }
      return due.length;
    },
  };
}
