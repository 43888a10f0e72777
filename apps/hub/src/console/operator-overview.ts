import type { Clock } from "@sofia/runtime/clock";
import { isoAt } from "@sofia/runtime/clock";
import type { Presence } from "../notifications/presence.ts";
import type { HubStore, RecentReports } from "../store/store.ts";
import type { OperatorFigures, OperatorRates } from "./operator-figures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** An agent's connection on this node, as its v2 session knew it: live, or the last one that closed. */
export interface AgentLink {
  id: string;
  online: boolean;
  lastHeartbeatMs: number;
}

/** The operator's view of one clinic (`GET /console/api/overview`): never report text or patients. */
export interface Overview {
  clinic_id: string;
  at: string;
  users: { role: string; online: number }[];
  agents: {
    id: string;
    name: string;
    doctor_id: string;
    online: boolean;
    last_heartbeat_at: string | null;
    version: string | null;
  }[];
  reports: { window_hours: number; by_status: RecentReports["byStatus"]; held: RecentReports["held"] };
  webhook_failures: number;
  rates: OperatorRates | null;
}

/**
 * Assembles the operator's view of a clinic from the store (agents, recent reports), this node's
 * live connections (users online, agents' heartbeats) and the metrics (rates).
 */
export class OperatorOverview {
  constructor(
    private readonly deps: {
      store: HubStore;
      presence: Presence;
      agentLinks: () => AgentLink[];
      figures: OperatorFigures;
      clock: Clock;
    },
  ) {}

  async of(clinicId: string): Promise<Overview> {
    const { store, presence, clock } = this.deps;
    const now = clock.now();
    const [agents, recent, rates] = await Promise.all([
      store.agents.list(),
      store.reports.recent(clinicId, now - DAY_MS),
      this.deps.figures.figures(clinicId),
    ]);
    const links = new Map(this.deps.agentLinks().map((l) => [l.id, l]));
    const roles = new Map<string, number>();
    for (const user of presence.online(clinicId)) roles.set(user.role, (roles.get(user.role) ?? 0) + 1);
    return {
      clinic_id: clinicId,
      at: isoAt(now),
      users: [...roles].map(([role, online]) => ({ role, online })),
      agents: agents
        .filter((a) => a.clinicId === clinicId)
        .map((a) => {
          const link = links.get(a.id);
          return {
            id: a.id,
            name: a.name,
            doctor_id: a.doctorId,
            online: link?.online ?? false,
            last_heartbeat_at: link ? isoAt(link.lastHeartbeatMs) : (a.client?.lastSeenAt ?? null),
            version: a.client?.version ?? a.version,
          };
        }),
      reports: { window_hours: 24, by_status: recent.byStatus, held: recent.held },
      webhook_failures: recent.webhookFailures,
      rates,
    };
  }
}
