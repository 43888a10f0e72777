import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import type { HubStore } from "../store/store.ts";

/** Enrolled agents of one clinic, connected now or not. */
export interface ClinicAgents {
  clinic: string;
  online: number;
  offline: number;
}

/**
 * Per clinic, how many enrolled agents (with a device token not revoked) have a live connection on
 * this hub node and how many do not: what the "agent offline" alert watches. Read at each scrape.
 */
export async function agentPresence(store: HubStore, registry: ConnectionRegistry): Promise<ClinicAgents[]> {
  const connected = new Set(registry.all().flatMap((c) => (c.kind?.role === "agent" ? [c.credentialId] : [])));
  const [agents, credentials] = await Promise.all([store.agents.list(), store.credentials.list()]);
  const live = new Set<string>();
  const enrolled = new Set<string>();
  for (const credential of credentials) {
    if (credential.agentId === null || credential.revokedAt !== null) continue;
    enrolled.add(credential.agentId);
    if (connected.has(credential.id)) live.add(credential.agentId);
  }
  const byClinic = new Map<string, ClinicAgents>();
  for (const agent of agents) {
    if (!enrolled.has(agent.id)) continue;
    const row = byClinic.get(agent.clinicId) ?? { clinic: agent.clinicId, online: 0, offline: 0 };
    if (live.has(agent.id)) row.online++;
    else row.offline++;
    byClinic.set(agent.clinicId, row);
  }
  return [...byClinic.values()];
}
