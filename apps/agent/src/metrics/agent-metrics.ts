import { Gauge, Histogram, Registry } from "prom-client";
import type { ConnectionStatus } from "../connection/status-board.ts";
import type { Journal } from "../journal/journal.ts";
import { ReportState } from "../journal/states.ts";
import { type OdOutcome, timedFetch } from "./timed-fetch.ts";

/** What the agent's metrics read at each scrape. */
export interface AgentSources {
  journal: Pick<Journal, "counts">;
  connection: () => ConnectionStatus;
  now: () => number;
}

/**
 * The agent's Prometheus metrics, served at `/metrics` on its loopback status page (same key as
 * the page). Labels are closed sets: no report, patient or Open Dental value is ever one. The
 * journal and the connection are read at each scrape; Open Dental requests are timed as they go,
 * through {@link fetch}, the fetch the Open Dental client is given.
 */
export class AgentMetrics {
  readonly registry = new Registry();
  private sources: AgentSources | null = null;
  private readonly od = new Histogram({
    name: "sofia_agent_opendental_request_seconds",
    help: "Open Dental API requests until their answer's headers, by method and outcome (2xx, 4xx, 5xx, network, timeout).",
    labelNames: ["method", "outcome"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 65],
    registers: [this.registry],
  });

  constructor() {
    const read = () => this.sources;
    new Gauge({
      name: "sofia_agent_reports",
      help: "Reports in the agent's journal by state (received, bound, written, held, failed, dead).",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        const counts = read()?.journal.counts();
        for (const state of ReportState.options) this.set({ state }, counts?.[state] ?? 0);
      },
    });
    new Gauge({
      name: "sofia_agent_connected",
      help: "1 while the agent is connected to the hub, else 0.",
      registers: [this.registry],
      collect() {
        this.set(read()?.connection().state === "connected" ? 1 : 0);
      },
    });
    new Gauge({
      name: "sofia_agent_heartbeat_age_seconds",
      help: "Seconds since the hub was last heard from (its pings count); absent until it has been heard once.",
      registers: [this.registry],
      collect() {
        this.reset();
        const sources = read();
        const heard = sources?.connection().lastHeardAt;
        if (sources && heard) this.set(Math.max(0, (sources.now() - Date.parse(heard)) / 1000));
      },
    });
  }

  /** Where the journal and connection gauges read from. */
  readFrom(sources: AgentSources): void {
    this.sources = sources;
  }

  /** `inner`, timed into `sofia_agent_opendental_request_seconds`: give it to the Open Dental client. */
  fetch(inner: typeof fetch): typeof fetch {
    return timedFetch(inner, (method: string, outcome: OdOutcome, seconds: number) =>
      this.od.observe({ method, outcome }, seconds),
    );
  }

  /** The metrics in Prometheus text format, and their Content-Type. */
  async text(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
