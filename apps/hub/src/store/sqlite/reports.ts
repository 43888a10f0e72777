import type { Database } from "bun:sqlite";
import { EventDetail, Patient, ReportContent, ReportEventType, ReportStatus } from "@sofia/protocol";
import type { ReportEventRecord, ReportRecord } from "../records.ts";
import type { ReportStore } from "../store.ts";

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
}
interface EventRow {
  report_id: string;
  at: string;
  type: string;
  detail: string;
}

// Rows are re-validated on the way out: a hand-edited or corrupted row fails loudly here rather
// than reaching a clinic as a malformed report.
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
  };
}

const toEvent = (r: EventRow): ReportEventRecord => ({
  reportId: r.report_id,
  at: r.at,
  type: ReportEventType.parse(r.type),
  detail: EventDetail.parse(JSON.parse(r.detail)),
});

/** Reports and their timelines in SQLite. */
export function sqliteReports(db: Database): ReportStore {
  const byId = db.query<ReportRow, [string]>("SELECT * FROM reports WHERE id = ?");
  const byIdempotency = db.query<ReportRow, [string, string]>(
    "SELECT * FROM reports WHERE producer_id = ? AND idempotency_key = ?",
  );
  const addEvent = db.query("INSERT INTO report_events (report_id, at, type, detail) VALUES (?, ?, ?, ?)");
  const insertReport = db.transaction((r: Parameters<ReportStore["insert"]>[0]) => {
    if (r.idempotencyKey !== null) {
      const first = byIdempotency.get(r.producerId, r.idempotencyKey);
      if (first) return { report: toReport(first), created: false };
    }
    db.query(
      `INSERT INTO reports (id, doctor_id, clinic_id, content, patient, status, producer_id, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?, 'stored', ?, ?, ?)`,
    ).run(
      r.id,
      r.doctorId,
      r.clinicId,
      JSON.stringify(r.content),
      r.patient === null ? null : JSON.stringify(r.patient),
      r.producerId,
      r.idempotencyKey,
      r.createdAt,
    );
    addEvent.run(r.id, r.createdAt, "stored", JSON.stringify({ producer: r.producerId }));
    const row = byId.get(r.id);
    if (!row) throw new Error(`report ${r.id} vanished after insert`);
    return { report: toReport(row), created: true };
  });
  return {
    async insert(report) {
      return insertReport.immediate(report);
    },
    async get(id) {
      const row = byId.get(id);
      return row ? toReport(row) : null;
    },
    async pendingFor(doctorId, limit) {
      return db
        .query<ReportRow, [string, number]>(
          "SELECT * FROM reports WHERE doctor_id = ? AND status = 'stored' ORDER BY seq LIMIT ?",
        )
        .all(doctorId, limit)
        .map(toReport);
    },
    async markSent(reportId, at, detail) {
      db.transaction(() => {
        db.query("UPDATE reports SET status = 'sent' WHERE id = ?").run(reportId);
        addEvent.run(reportId, at, "sent", JSON.stringify(detail));
      })();
    },
    async timeline(reportId) {
      return db
        .query<EventRow, [string]>("SELECT * FROM report_events WHERE report_id = ? ORDER BY id")
        .all(reportId)
        .map(toEvent);
    },
  };
}
