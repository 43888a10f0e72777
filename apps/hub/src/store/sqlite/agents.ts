import type { Database } from "bun:sqlite";
import { z } from "zod";
import type { Agent } from "../records.ts";
import type { AgentStore } from "../store.ts";
import type { SyncMethods } from "./sync-store.ts";

interface AgentRow {
  id: string;
  clinic_id: string;
  doctor_id: string;
  name: string;
  hostname: string | null;
  os: string | null;
  version: string | null;
  created_at: string;
  client_name: string | null;
  client_version: string | null;
  capabilities: string | null;
  last_seen_at: string | null;
}

const Capabilities = z.object({ revision: z.number().int().min(0), events: z.array(z.string().max(64)).max(64) });

const toAgent = (r: AgentRow): Agent => ({
  id: r.id,
  clinicId: r.clinic_id,
  doctorId: r.doctor_id,
  name: r.name,
  hostname: r.hostname,
  os: r.os,
  version: r.version,
  createdAt: r.created_at,
  client:
    r.last_seen_at === null || r.capabilities === null
      ? null
      : {
          name: r.client_name,
          version: r.client_version,
          capabilities: Capabilities.parse(JSON.parse(r.capabilities)),
          lastSeenAt: r.last_seen_at,
        },
});

/** Agents and enrollment codes in SQLite. */
export function sqliteAgents(db: Database): SyncMethods<AgentStore> {
  const byId = db.query<AgentRow, [string]>("SELECT * FROM agents WHERE id = ?");
  return {
    createEnrollmentCode(c) {
      db.query(
        "INSERT INTO enrollment_codes (hash, clinic_id, doctor_id, created_at, expires_ms) VALUES (?, ?, ?, ?, ?)",
      ).run(c.hash, c.clinicId, c.doctorId, c.createdAt, c.expiresMs);
    },
    enroll({ codeHash, nowMs, agent, credential }) {
      return db.transaction(() => {
        // Claiming the code and creating the agent commit together: a code works exactly once.
        const code = db
          .query<{ clinic_id: string; doctor_id: string }, [string, string, string, number]>(
            `UPDATE enrollment_codes SET used_at = ?, agent_id = ?
             WHERE hash = ? AND used_at IS NULL AND expires_ms > ? RETURNING clinic_id, doctor_id`,
          )
          .get(agent.createdAt, agent.id, codeHash, nowMs);
        if (!code) return null;
        db.query(
          `INSERT INTO agents (id, clinic_id, doctor_id, name, hostname, os, version, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          agent.id,
          code.clinic_id,
          code.doctor_id,
          agent.name,
          agent.hostname,
          agent.os,
          agent.version,
          agent.createdAt,
        );
        db.query(
          `INSERT INTO credentials (id, kind, hash, doctor_id, clinic_id, agent_id, name, scopes, created_at, revoked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        ).run(
          credential.id,
          credential.kind,
          credential.hash,
          code.doctor_id,
          code.clinic_id,
          agent.id,
          credential.name,
          JSON.stringify(credential.scopes),
          credential.createdAt,
        );
        const row = byId.get(agent.id);
        return row ? toAgent(row) : null;
      })();
    },
    get(id) {
      const row = byId.get(id);
      return row ? toAgent(row) : null;
    },
    list() {
      return db.query<AgentRow, []>("SELECT * FROM agents ORDER BY created_at").all().map(toAgent);
    },
    seen(agentId, client) {
      db.query(
        "UPDATE agents SET client_name = ?, client_version = ?, capabilities = ?, last_seen_at = ? WHERE id = ?",
      ).run(client.name, client.version, JSON.stringify(client.capabilities), client.lastSeenAt, agentId);
    },
  };
}
