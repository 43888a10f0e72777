import type { ClientState } from "@sofia/client";

/** What the status page and `sofia-agent status` show about the connection. */
export interface ConnectionStatus {
  /** `not_configured` until there is an endpoint and a credential. */
  state: ClientState | "not_configured";
  protocol: "v1" | "v2" | null;
  /** The endpoint in use (or being tried). */
  endpoint: string | null;
  endpoints: string[];
  /** Public id of the credential in use, never the secret. */
  credentialId: string | null;
  connectedSince: string | null;
  /** When the hub last sent anything (its pings count): the heartbeat. */
  lastHeardAt: string | null;
  /** The last problem, in words for a person. */
  problem: string | null;
  /** What is wrong with `agent.json` (line and column) and what the agent does meanwhile, or null. */
  settingsProblem: string | null;
  /** When the next attempt is due, while waiting. */
  retryAt: string | null;
  doctorId: string | null;
  clinicId: string | null;
}

/** The connection's current status, updated by the links and read by the status page. */
export class StatusBoard {
  status: ConnectionStatus = {
    state: "not_configured",
    protocol: null,
    endpoint: null,
    endpoints: [],
    credentialId: null,
    connectedSince: null,
    lastHeardAt: null,
    problem: "not enrolled yet: run sofia-agent enroll CODE --hub URL",
    settingsProblem: null,
    retryAt: null,
    doctorId: null,
    clinicId: null,
  };

  update(patch: Partial<ConnectionStatus>): void {
    this.status = { ...this.status, ...patch };
  }
}
