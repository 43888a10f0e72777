import type { Database } from "bun:sqlite";
import { ReportStatus } from "@sofia/protocol";
import type { ReportCounts } from "../../metrics/report-gauges.ts";
import type { StatsStore } from "../store.ts";
import type { SyncMethods } from "./sync-store.ts";

/** What the metrics read at each scrape, in SQLite: a few indexed aggregate queries. */
export function sqliteStats(db: Database): SyncMethods<StatsStore> {
  const byStatus = db.query<{ status: string; n: number }, [number]>(
    "SELECT status, COUNT(*) AS n FROM reports WHERE created_ms >= ? GROUP BY status",
  );
  // Held since its latest `held` event (a report held, then failed, then held again counts anew).
  const oldestHeld = db.query<{ since: string | null }, []>(
    `SELECT MIN(since) AS since FROM (
       SELECT MAX(e.at) AS since FROM reports r JOIN report_events e ON e.report_id = r.id AND e.type = 'held'
       WHERE r.status = 'held' GROUP BY r.id)`,
  );
  const pending = db.query<{ clinic: number | null; user: number | null }, []>(
    `SELECT SUM(CASE WHEN c.recipient LIKE 'doctor:%' THEN h.last_seq - c.acked_seq ELSE 0 END) AS clinic,
            SUM(CASE WHEN c.recipient LIKE 'doctor:%' THEN 0 ELSE h.last_seq - c.acked_seq END) AS user
     FROM cursors c JOIN mailbox_heads h ON h.recipient = c.recipient WHERE h.last_seq > c.acked_seq`,
  );
  const unread = db.query<{ n: number }, []>(
    `SELECT COUNT(*) AS n FROM mailbox m LEFT JOIN inbox_reads r ON r.recipient = m.recipient AND r.seq = m.seq
     WHERE m.expired_at IS NULL AND m.recipient NOT LIKE 'doctor:%' AND r.read_at IS NULL`,
  );
  return {
    counts(nowMs): ReportCounts {
      const last24h: ReportCounts["last24h"] = {};
      for (const row of byStatus.all(nowMs - 24 * 3600_000)) {
        const status = ReportStatus.safeParse(row.status);
        if (status.success) last24h[status.data] = row.n;
      }
      const since = oldestHeld.get()?.since ?? null;
      const p = pending.get();
      return {
        last24h,
        oldestHeldSeconds: since === null ? 0 : Math.max(0, (nowMs - Date.parse(since)) / 1000),
        pending: { clinic: p?.clinic ?? 0, user: p?.user ?? 0 },
        unread: unread.get()?.n ?? 0,
      };
    },
  };
}
