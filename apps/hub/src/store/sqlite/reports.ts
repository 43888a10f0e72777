import type { Database } from "bun:sqlite";
import { EventDetail, Patient, ReportContent, ReportEventType, ReportStatus } from "@sofia/protocol";
import { z } from "zod";
import type { ReportEventRecord, ReportRecord } from "../records.ts";
import { doctorReportItem } from "../report-item.ts";
import type { ReportStore } from "../store.ts";
import { auditWriter } from "./audit.ts";
import type { MailboxAppend } from "./mailbox.ts";
import { sqliteRecentReports } from "./recent-reports.ts";
import type { SyncMethods } from "./sync-store.ts";
import type { AppendEvent } from "./timeline.ts";

interface ReportRow {
  id: string;
  doctor_id: string;
  clinic_id: string;
  content: string;
  patient: string | null;
  status: string;
  producer_id: string;
  idempotency_key: string | null;
  created_at: string;
  language: string;
  visit_date: string | null;
  renderings: string | null;
  links_revoked_at: string | null;
}
interface EventRow {
  id: number;
  report_id: string;
  at: string;
  type: string;
  detail: string;
}

const StoredRenderings = z.object({ html: z.string(), rtf: z.string(), plaintext: z.string() });

// Rows are re-validated on the way out: a hand-edited or corrupted row fails loudly here rather
// than reaching a clinic as a malformed report. (Deliveries do not come this way: they send the
// payload made at publish time.)
function toReport(r: ReportRow): ReportRecord {
  return {
    id: r.id,
    doctorId: r.doctor_id,
    clinicId: r.clinic_id,
    content: ReportContent.parse(JSON.parse(r.content)),
    patient: r.patient === null ? null : Patient.parse(JSON.parse(r.patient)),
    status: ReportStatus.parse(r.status),
    producerId: r.producer_id,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
    language: r.language,
    visitDate: r.visit_date,
    renderings: r.renderings === null ? null : StoredRenderings.parse(JSON.parse(r.renderings)),
    linksRevokedAt: r.links_revoked_at,
  };
}

const toEvent = (r: EventRow): ReportEventRecord => ({
  id: r.id,
  reportId: r.report_id,
  at: r.at,
  type: ReportEventType.parse(r.type),
  detail: EventDetail.parse(JSON.parse(r.detail)),
});

/** Reports and their timelines in SQLite. */
export function sqliteReports(db: Database, append: AppendEvent, toMailbox: MailboxAppend): SyncMethods<ReportStore> {
  const byId = db.query<ReportRow, [string]>("SELECT * FROM reports WHERE id = ?");
  const byIdempotency = db.query<ReportRow, [string, string]>(
    "SELECT * FROM reports WHERE producer_id = ? AND idempotency_key = ?",
  );
  const audit = auditWriter(db);
  const statusCount = db.query<{ n: number }, [string]>(
    "SELECT COUNT(*) AS n FROM client_statuses WHERE report_id = ?",
  );
  const isRecorded = db.query<{ n: number }, [string, string]>(
    "SELECT 1 AS n FROM client_statuses WHERE consumer_id = ? AND status_id = ?",
  );
  const eventsPage = db.query<EventRow, [string, number, number]>(
    "SELECT * FROM report_events WHERE report_id = ? AND id > ? ORDER BY id LIMIT ?",
  );
  return {
    insert(r) {
      if (r.idempotencyKey !== null) {
        const first = byIdempotency.get(r.producerId, r.idempotencyKey);
        if (first) return { report: toReport(first), created: false, seq: null };
      }
      db.query(
        `INSERT INTO reports (id, doctor_id, clinic_id, content, patient, status, producer_id, idempotency_key,
           created_at, created_ms, language, visit_date)
         VALUES (?, ?, ?, ?, ?, 'stored', ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.id,
        r.doctorId,
        r.clinicId,
        JSON.stringify(r.content),
        r.patient === null ? null : JSON.stringify(r.patient),
        r.producerId,
        r.idempotencyKey,
        r.createdAt,
        r.createdMs,
        r.language,
        r.visitDate,
      );
      append({ reportId: r.id, at: r.createdAt, type: "stored", detail: { producer: r.producerId } });
      const item = doctorReportItem(r);
      const { seq } = toMailbox(item);
      // The doctor's own web app gets the same report in the doctor's inbox (its personal room).
      const inbox = r.delivery.userInbox;
      if (inbox !== null) toMailbox({ ...item, recipient: inbox, id: `${item.id}w`, room: inbox });
      audit(r.audit);
      // The row just written, from what was written: no read back, no re-validation of what the
      // publisher validated a moment ago.
      const report: ReportRecord = {
        id: r.id,
        doctorId: r.doctorId,
        clinicId: r.clinicId,
        content: r.content,
        patient: r.patient,
        status: "stored",
        producerId: r.producerId,
        idempotencyKey: r.idempotencyKey,
        createdAt: r.createdAt,
        language: r.language,
        visitDate: r.visitDate,
        renderings: null,
        linksRevokedAt: null,
      };
      return { report, created: true, seq };
    },
    get(id) {
      const row = byId.get(id);
      return row ? toReport(row) : null;
    },
    revokeLinks(reportId, at) {
      return (
        db.query("UPDATE reports SET links_revoked_at = coalesce(links_revoked_at, ?) WHERE id = ?").run(at, reportId)
          .changes > 0
      );
    },
    addEvents(events) {
      for (const event of events) append(event);
    },
    recordClientStatus(s, limit) {
      if ((statusCount.get(s.reportId)?.n ?? 0) >= limit) {
        // A repeat of a recorded status is still a repeat (the client resends until acknowledged).
        return isRecorded.get(s.consumerId, s.statusId) ? "repeated" : "limit_reached";
      }
      const inserted = db
        .query(
          `INSERT INTO client_statuses (consumer_id, status_id, report_id, status, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
        )
        .run(s.consumerId, s.statusId, s.reportId, s.status, s.at);
      if (inserted.changes === 0) return "repeated";
      append({ reportId: s.reportId, at: s.at, type: s.status, detail: s.detail });
      // As report_ready reaches the doctor's inbox with the report: the status with the status.
      const { notice } = s;
      if (notice !== null) {
        toMailbox({
          recipient: notice.recipient,
          id: notice.itemId,
          room: notice.recipient,
          clinicId: notice.clinicId,
          event: "report_status_changed",
          // Not a report item: acknowledging it must not count as the report being acknowledged.
          reportId: null,
          payload: notice.payload,
          createdMs: Date.parse(s.at),
        });
      }
      return "recorded";
    },
    recent: sqliteRecentReports(db),
    timeline(reportId, page) {
      const rows = page
        ? eventsPage.all(reportId, page.after, page.limit)
        : eventsPage.all(reportId, 0, Number.MAX_SAFE_INTEGER);
      return rows.map(toEvent);
    },
  };
}
