import { until } from "@sofia/testing";
import type { RunningAgent } from "../../src/agent.ts";

/** The ids of every report in the agent's journal, sorted, to compare with what was published. */
export function journaledIds(agent: RunningAgent): string[] {
  return agent.journal
    .recent(1000)
    .map((e) => e.reportId)
    .sort();
}

/** Waits until every report in `ids` is in the agent's journal (in any state). */
export function untilJournaled(agent: RunningAgent, ids: readonly string[], ms?: number): Promise<void> {
  return until("all journaled", () => ids.every((id) => agent.journal.get(id) !== null), { timeoutMs: ms });
}
