import type { Database } from "bun:sqlite";
import { EventDetail } from "@sofia/protocol";
import type { AuditEvent } from "../records.ts";
import type { AuditLog } from "../store.ts";
import type { SyncMethods } from "./sync-store.ts";

interface AuditRow {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  clinic_id: string | null;
  detail: string;
}

/** Appends audit records; other writes use it to record theirs inside their own transaction. */
export function auditWriter(db: Database): (event: AuditEvent) => void {
  const insert = db.query(
    "INSERT INTO audit_events (at, actor, action, subject, clinic_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
  );
  return (e) => {
    insert.run(e.at, e.actor, e.action, e.subject, e.clinicId, JSON.stringify(e.detail));
  };
}

/** The audit trail in SQLite: insert-only. */
export function sqliteAudit(db: Database): SyncMethods<AuditLog> {
  return {
    record: auditWriter(db),
    recent(limit) {
      return db
        .query<AuditRow, [number]>("SELECT * FROM audit_events ORDER BY id DESC LIMIT ?")
        .all(limit)
        .map(
          (r): AuditEvent => ({
            at: r.at,
            actor: r.actor,
            action: r.action,
            subject: r.subject,
            clinicId: r.clinic_id,
            detail: EventDetail.parse(JSON.parse(r.detail)),
          }),
        );
    },
  };
}
