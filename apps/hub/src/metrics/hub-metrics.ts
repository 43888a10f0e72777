import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ClinicAgents } from "./agent-presence.ts";
import {
  type AuthChannel,
  authReason,
  type ConnectionKind,
  type ConnectionProtocol,
  type RenderKind,
  type Transport,
  type WebhookOutcome,
} from "./labels.ts";
import { type ReportCounts, ReportGauges } from "./report-gauges.ts";

/** Latency buckets (seconds) from a few milliseconds on a LAN to minutes for a PC that was off. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];
/** Buckets (seconds) for work the hub does itself: a rendering, a SQLite commit. */
const WORK_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * A hub's Prometheus metrics, on a registry of its own (never prom-client's global one, so several
 * hubs in one process keep separate counts). Code that observes something calls one of the typed
 * methods below; label values come from closed sets (./labels.ts), never from request data. What
 * is read rather than counted (connections, reports per state, inbox depth) is asked of its source
 * at each scrape: see {@link connectionsFrom} and {@link reportsFrom}.
 */
export class HubMetrics {
  /** The hub's own registry; `GET /metrics` serves `registry.metrics()`. */
  readonly registry = new Registry();
  private connectionSource: () => Iterable<ConnectionKind> = () => [];
  private agentSource: () => Promise<ClinicAgents[]> = async () => [];
  // The order here is the order of the scrape and of the table in docs/operations.md. (The two
  // gauges read at scrape are `protected` only because nothing else refers to them by name.)
  protected readonly connections = new Gauge({
    name: "sofia_hub_connections",
    help: "Authenticated connections now, by transport, protocol, role and clinic.",
    labelNames: ["transport", "protocol", "role", "clinic"] as const,
    registers: [this.registry],
    collect: gaugeOf(
      () => this.connectionSource(),
      (gauge, kinds) => {
        for (const kind of kinds) gauge.inc({ ...kind });
      },
    ),
  });
  protected readonly agents = new Gauge({
    name: "sofia_hub_agents",
    help: "Enrolled clinic agents (device token not revoked) per clinic, connected to this hub now (online) or not (offline).",
    labelNames: ["clinic", "state"] as const,
    registers: [this.registry],
    collect: gaugeOf(
      () => this.agentSource(),
      (gauge, rows) => {
        for (const row of rows) {
          gauge.set({ clinic: row.clinic, state: "online" }, row.online);
          gauge.set({ clinic: row.clinic, state: "offline" }, row.offline);
        }
      },
    ),
  });
  private readonly reports = new ReportGauges(this.registry);

  private readonly authFailures = new Counter({
    name: "sofia_hub_auth_failures_total",
    help: "Refused authentications and enrollments, by where they came in and why.",
    labelNames: ["channel", "reason"] as const,
    registers: [this.registry],
  });
  private readonly published = new Counter({
    name: "sofia_hub_reports_published_total",
    help: "Reports stored by the producer API (repeats of an idempotency key not counted).",
    registers: [this.registry],
  });
  private readonly statuses = new Counter({
    name: "sofia_hub_report_statuses_total",
    help: "Statuses clinic clients reported about reports: received, written, held, failed.",
    labelNames: ["status"] as const,
    registers: [this.registry],
  });
  private readonly delivery = new Histogram({
    name: "sofia_hub_report_delivery_seconds",
    help: "From a report's publish to its delivery to a clinic client (v1: written to the socket; v2: acknowledged).",
    labelNames: ["protocol"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly written = new Histogram({
    name: "sofia_hub_report_written_seconds",
    help: "From a report's publish to the clinic client's status saying it was written into Open Dental.",
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly notification = new Histogram({
    name: "sofia_hub_notification_delivery_seconds",
    help: "From a publish to its delivery to a care-team user's device (acknowledged, or written where the client does not acknowledge).",
    labelNames: ["transport"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly resumes = new Counter({
    name: "sofia_hub_resumes_total",
    help: "Connections that resumed a consumer the hub already had a cursor for (reconnections).",
    labelNames: ["transport", "protocol"] as const,
    registers: [this.registry],
  });
  private readonly webhooks = new Counter({
    name: "sofia_hub_webhook_attempts_total",
    help: "Calls to producers' webhooks, by outcome.",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  private readonly render = new Histogram({
    name: "sofia_hub_render_seconds",
    help: "CPU time of one rendering on a render worker: the inline renderings at publish, or a DOCX for a download.",
    labelNames: ["kind"] as const,
    buckets: WORK_BUCKETS,
    registers: [this.registry],
  });
  private readonly commits = new Histogram({
    name: "sofia_hub_store_commit_seconds",
    help: "Time the store worker spent in one write transaction, commit (and sync) included.",
    buckets: WORK_BUCKETS,
    registers: [this.registry],
  });

  /** Where enrolled agents, online and offline per clinic, are read from at each scrape. */
  agentsFrom(source: () => Promise<ClinicAgents[]>): void {
    this.agentSource = source;
  }

  /** Where connections are counted from at each scrape (the hub's connection registry). */
  connectionsFrom(source: () => Iterable<ConnectionKind>): void {
    this.connectionSource = source;
  }

  /** Where reports per state and inbox depth are read from at each scrape (the store). */
  reportsFrom(source: () => Promise<ReportCounts>): void {
    this.reports.source = source;
  }

  authFailed(channel: AuthChannel, reason: string): void {
    this.authFailures.inc({ channel, reason: authReason(reason) });
  }

  reportPublished(): void {
    this.published.inc();
  }

  statusRecorded(status: "received" | "written" | "held" | "failed"): void {
    this.statuses.inc({ status });
  }

  /** A report reached a clinic client `seconds` after its publish. */
  reportDelivered(protocol: "v1" | "v2", seconds: number): void {
    this.delivery.observe({ protocol }, Math.max(0, seconds));
  }

  /** A clinic client said a report was written, `seconds` after its publish. */
  reportWritten(seconds: number): void {
    this.written.observe(Math.max(0, seconds));
  }

  /** A delivery reached a care-team user's device `seconds` after its publish. */
  notificationDelivered(transport: Transport, seconds: number): void {
    this.notification.observe({ transport }, Math.max(0, seconds));
  }

  resumed(transport: Transport, protocol: ConnectionProtocol): void {
    this.resumes.inc({ transport, protocol });
  }

  webhookAttempt(outcome: WebhookOutcome): void {
    this.webhooks.inc({ outcome });
  }

  rendered(kind: RenderKind, seconds: number): void {
    this.render.observe({ kind }, seconds);
  }

  /** One write transaction of the store took `seconds` (measured on its worker). */
  committed(seconds: number): void {
    this.commits.observe(seconds);
  }

  /** The metrics in Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** The Content-Type of {@link text}. */
  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * A gauge's `collect`: reads `source` and sets the gauge from it afresh, so a series whose source
 * row is gone (a clinic's last connection closed) disappears instead of keeping its last value.
 */
function gaugeOf<Row, L extends string>(
  source: () => Iterable<Row> | Promise<Iterable<Row>>,
  fill: (gauge: Gauge<L>, rows: Iterable<Row>) => void,
): (this: Gauge<L>) => Promise<void> {
  return async function (this: Gauge<L>) {
    const rows = await source();
    this.reset();
    fill(this, rows);
  };
}
