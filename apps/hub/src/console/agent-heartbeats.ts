import type { AgentLink } from "./operator-overview.ts";

/** An agent's live v2 connection, as its session knows it. */
export interface LiveAgent {
  id: string;
  lastHeartbeatMs: number;
}

/**
 * Agents' heartbeats on this hub node for the operator's view: the live connections' last `pong`,
 * and for agents that disconnected, their last one (kept in memory until the hub restarts).
 */
export class AgentHeartbeats {
  private readonly last = new Map<string, number>();

  constructor(private readonly live: () => Iterable<LiveAgent>) {}

  /** An agent's connection closed: remember its last heartbeat. */
  closed(agent: LiveAgent): void {
    this.last.set(agent.id, agent.lastHeartbeatMs);
  }

  /** Every agent known here, online ones last (so they win when a caller keys them by id). */
  links(): AgentLink[] {
    const links: AgentLink[] = [...this.last].map(([id, lastHeartbeatMs]) => ({ id, online: false, lastHeartbeatMs }));
    for (const agent of this.live()) links.push({ id: agent.id, online: true, lastHeartbeatMs: agent.lastHeartbeatMs });
    return links;
  }
}
