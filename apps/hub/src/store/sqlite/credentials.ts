import type { Database } from "bun:sqlite";
import { z } from "zod";
import { type Credential, SCOPES } from "../records.ts";
import type { CredentialStore } from "../store.ts";
import type { SyncMethods } from "./sync-store.ts";

interface CredentialRow {
  id: string;
  kind: string;
  hash: string;
  doctor_id: string | null;
  clinic_id: string | null;
  agent_id: string | null;
  name: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
}

const Kind = z.enum(["doctor_key", "producer_token", "device_token"]);
const Scopes = z.array(z.enum(SCOPES));

function toCredential(r: CredentialRow): Credential {
  return {
    id: r.id,
    kind: Kind.parse(r.kind),
    hash: r.hash,
    doctorId: r.doctor_id,
    clinicId: r.clinic_id,
    agentId: r.agent_id,
    name: r.name,
    scopes: Scopes.parse(JSON.parse(r.scopes)),
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

/** Hashed credentials and the revocation feed in SQLite. */
export function sqliteCredentials(db: Database): SyncMethods<CredentialStore> {
  const byId = db.query<CredentialRow, [string]>("SELECT * FROM credentials WHERE id = ?");
  return {
    create(c) {
      db.query(
        `INSERT INTO credentials (id, kind, hash, doctor_id, clinic_id, agent_id, name, scopes, created_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        c.id,
        c.kind,
        c.hash,
        c.doctorId,
        c.clinicId,
        c.agentId,
        c.name,
        JSON.stringify(c.scopes),
        c.createdAt,
        c.revokedAt,
      );
    },
    get(id) {
      const row = byId.get(id);
      return row ? toCredential(row) : null;
    },
    list(filter) {
      const rows = filter?.doctorId
        ? db
            .query<CredentialRow, [string]>("SELECT * FROM credentials WHERE doctor_id = ? ORDER BY created_at")
            .all(filter.doctorId)
        : db.query<CredentialRow, []>("SELECT * FROM credentials ORDER BY created_at").all();
      return rows.map(toCredential);
    },
    revoke(id, at) {
      return db.transaction(() => {
        const row = byId.get(id);
        if (!row) return false;
        if (row.revoked_at === null) {
          db.query("UPDATE credentials SET revoked_at = ? WHERE id = ?").run(at, id);
          db.query("INSERT INTO revocations (credential_id, at) VALUES (?, ?)").run(id, at);
        }
        return true;
      })();
    },
    revokedSince(cursor) {
      const rows = db
        .query<{ seq: number; credential_id: string }, [number]>(
          "SELECT seq, credential_id FROM revocations WHERE seq > ? ORDER BY seq",
        )
        .all(cursor);
      return { cursor: rows.at(-1)?.seq ?? cursor, ids: rows.map((r) => r.credential_id) };
    },
  };
}
