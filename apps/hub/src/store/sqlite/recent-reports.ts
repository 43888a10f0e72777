import type { Database } from "bun:sqlite";
import { EventDetail, ReportStatus } from "@sofia/protocol";
import type { RecentReports } from "../store.ts";

const MAX_HELD = 50;

/**
 * The operator's view of a clinic's recent reports: how many are in each state, which are held
 * and why, and how many webhook calls about them failed. Never the content or the patient.
 */
export function sqliteRecentReports(db: Database): (clinicId: string, sinceMs: number) => RecentReports {
  const counts = db.query<{ status: string; n: number }, [string, number]>(
    "SELECT status, COUNT(*) AS n FROM reports WHERE clinic_id = ? AND created_ms >= ? GROUP BY status",
  );
  const held = db.query<
    { id: string; doctor_id: string; created_at: string; at: string | null; detail: string | null },
    [string, number, number]
  >(
    `SELECT r.id, r.doctor_id, r.created_at, e.at, e.detail FROM reports r
       LEFT JOIN report_events e ON e.id = (
         SELECT max(id) FROM report_events WHERE report_id = r.id AND type = 'held')
     WHERE r.clinic_id = ? AND r.created_ms >= ? AND r.status = 'held'
     ORDER BY r.created_ms DESC LIMIT ?`,
  );
  const webhookFailures = db.query<{ n: number }, [string, number]>(
    `SELECT COUNT(*) AS n FROM report_events e JOIN reports r ON r.id = e.report_id
     WHERE r.clinic_id = ? AND r.created_ms >= ? AND e.type = 'webhook_failed'`,
  );
  return (clinicId, sinceMs) => {
    const byStatus: RecentReports["byStatus"] = {};
    for (const row of counts.all(clinicId, sinceMs)) byStatus[ReportStatus.parse(row.status)] = row.n;
    return {
      byStatus,
      held: held.all(clinicId, sinceMs, MAX_HELD).map((row) => {
        const detail = row.detail === null ? {} : EventDetail.parse(JSON.parse(row.detail));
        return {
          id: row.id,
          doctorId: row.doctor_id,
          createdAt: row.created_at,
          heldAt: row.at ?? row.created_at,
          reason: typeof detail.reason === "string" ? detail.reason : null,
        };
      }),
      webhookFailures: webhookFailures.get(clinicId, sinceMs)?.n ?? 0,
    };
  };
}
