import { readFileSync } from "node:fs";
import { StatusSnapshot } from "@sofia/agent/src/status/snapshot.ts";

/** The running agent's status page, read with its per-install key (as `sofia-agent status` does). */
export class AgentPage {
  readonly key: string;

  constructor(
    readonly url: string,
    secretFile: string,
  ) {
    this.key = readFileSync(secretFile, "utf8").trim();
  }

  /** The link a person opens: it carries the key once, then a cookie does. */
  get link(): string {
    return `${this.url}/?key=${this.key}`;
  }

  async status(): Promise<StatusSnapshot> {
    const response = await fetch(`${this.url}/api/status`, { headers: { authorization: `Bearer ${this.key}` } });
    if (!response.ok) throw new Error(`the agent's status page answered ${response.status}`);
    return StatusSnapshot.parse(await response.json());
  }

  /** The report's state in the agent's journal and why, from the recent list. */
  async report(reportId: string): Promise<{ state: string; reason: string | null } | null> {
    const found = (await this.status()).recent.find((r) => r.report_id === reportId);
    return found ? { state: found.state, reason: found.reason } : null;
  }
}
