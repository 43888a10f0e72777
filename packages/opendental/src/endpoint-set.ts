import type { Clock } from "./clock.ts";
import type { ApiMode, Endpoint } from "./endpoints.ts";
import type { OdErrorCode } from "./errors.ts";

/** What the client knows of one endpoint. */
export interface EndpointStatus {
  mode: ApiMode;
  url: string;
  /** `up`: it answered last time; `down`: it could not be reached; `unknown`: not tried yet. */
  state: "unknown" | "up" | "down";
  /** When it last answered (ms since the epoch, client clock). */
  lastAnsweredAt?: number;
  /** Why it was last found down. */
  lastFailure?: { code: OdErrorCode; at: number };
  /** While down, it is skipped until this time unless every endpoint is down. */
  retryAt?: number;
}

/** The connection as a status page shows it: which endpoint is in use and what is known of each. */
export interface ConnectionStatus {
  /** The endpoint that answered last: the one in use. Null before any answer. */
  active: { mode: ApiMode; url: string } | null;
  endpoints: EndpointStatus[];
}

/**
 * The configured endpoints in order of preference and the cascade over them: a request goes to the
 * first endpoint not known to be down; one that cannot be reached is skipped for `downForMs`, then
 * tried again, so the client returns to the preferred (on-site, faster, unthrottled) API once it
 * is back. When every endpoint is down, all are tried in order.
 */
export class EndpointSet {
  private readonly states: EndpointStatus[];
  private active: Endpoint | null = null;

  constructor(
    private readonly endpoints: readonly Endpoint[],
    private readonly clock: Clock,
    private readonly downForMs: number,
    private readonly onChange: (status: ConnectionStatus) => void = () => undefined,
  ) {
    this.states = endpoints.map((e) => ({ mode: e.mode, url: e.url, state: "unknown" }));
  }

  /** The endpoints to try for the next request, best first. */
  order(): Endpoint[] {
    const now = this.clock.now();
    const usable = this.endpoints.filter((_, i) => {
      const state = this.states[i];
      return state?.state !== "down" || (state.retryAt ?? 0) <= now;
    });
    return usable.length > 0 ? usable : [...this.endpoints];
  }

  /** The endpoint answered (any HTTP status that came from Open Dental). */
  answered(endpoint: Endpoint): void {
    const state = this.stateOf(endpoint);
    const changed = state.state !== "up" || this.active !== endpoint;
    state.state = "up";
    state.lastAnsweredAt = this.clock.now();
    delete state.retryAt;
    this.active = endpoint;
    if (changed) this.onChange(this.status());
  }

  /** The endpoint could not be reached or could not answer. */
  down(endpoint: Endpoint, code: OdErrorCode): void {
    const state = this.stateOf(endpoint);
    const now = this.clock.now();
    const changed = state.state !== "down" || this.active === endpoint;
    state.state = "down";
    state.lastFailure = { code, at: now };
    state.retryAt = now + this.downForMs;
    if (this.active === endpoint) this.active = null;
    if (changed) this.onChange(this.status());
  }

  /** A copy of what is known, for {@link ConnectionStatus} readers. */
  status(): ConnectionStatus {
    return {
      active: this.active ? { mode: this.active.mode, url: this.active.url } : null,
      endpoints: this.states.map((s) => ({ ...s, ...(s.lastFailure ? { lastFailure: { ...s.lastFailure } } : {}) })),
    };
  }

  private stateOf(endpoint: Endpoint): EndpointStatus {
    const state = this.states[this.endpoints.indexOf(endpoint)];
    if (!state) throw new Error("unknown endpoint");
    return state;
  }
}
