import type { Database } from "bun:sqlite";
import type { UserRole } from "@sofia/protocol";
import type { UserStore } from "../store.ts";
import type { SyncMethods } from "./sync-store.ts";

/** The care-team users the hub has seen, in SQLite. */
export function sqliteUsers(db: Database): SyncMethods<UserStore> {
  const seen = db.query(
    `INSERT INTO users (clinic_id, user_id, role, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (clinic_id, user_id) DO UPDATE SET role = excluded.role, last_seen_at = excluded.last_seen_at`,
  );
  return {
    seen(user, at) {
      seen.run(user.clinicId, user.userId, user.role, at, at);
    },
    ids(clinicId: string, role: UserRole | null) {
      const rows =
        role === null
          ? db
              .query<{ user_id: string }, [string]>("SELECT user_id FROM users WHERE clinic_id = ? ORDER BY user_id")
              .all(clinicId)
          : db
              .query<{ user_id: string }, [string, string]>(
                "SELECT user_id FROM users WHERE clinic_id = ? AND role = ? ORDER BY user_id",
              )
              .all(clinicId, role);
      return rows.map((r) => r.user_id);
    },
  };
}
