import { ReportStatus } from "@sofia/protocol";
import { Gauge, type Registry } from "prom-client";

/** What the store says about reports and inboxes at one scrape. */
export interface ReportCounts {
  /** Reports published in the last 24 hours, by their status now. */
  last24h: Partial<Record<ReportStatus, number>>;
  /** How long the report held the longest has been held, in seconds (0 when none is held). */
  oldestHeldSeconds: number;
  /** Deliveries waiting for their consumer (head minus cursor, summed), by audience. */
  pending: { clinic: number; user: number };
  /** Unread, unexpired items in care-team users' inboxes. */
  unread: number;
}

/**
 * The gauges read from the store at each scrape: one store query per scrape, shared by the four
 * gauges (prom-client collects each gauge separately; the first collect starts the query and the
 * others await the same one).
 */
export class ReportGauges {
  /** Set by the hub; until then every gauge reads zero. */
  source: (() => Promise<ReportCounts>) | null = null;
  private current: Promise<ReportCounts | null> | null = null;

  constructor(registry: Registry) {
    const read = () => this.read();
    const registers = [registry];
    new Gauge({
      name: "sofia_hub_reports",
      help: "Reports published in the last 24 hours, by their status now (stored, sent, acknowledged, received, written, held, failed, expired).",
      labelNames: ["state"] as const,
      registers,
      async collect() {
        const counts = await read();
        for (const state of ReportStatus.options) this.set({ state }, counts?.last24h[state] ?? 0);
      },
    });
    new Gauge({
      name: "sofia_hub_report_held_oldest_seconds",
      help: "How long the report held for review the longest has been held (0 when none is).",
      registers,
      async collect() {
        this.set((await read())?.oldestHeldSeconds ?? 0);
      },
    });
    new Gauge({
      name: "sofia_hub_mailbox_pending",
      help: "Deliveries waiting for their consumer's acknowledgement, by audience (clinic clients, care-team users).",
      labelNames: ["audience"] as const,
      registers,
      async collect() {
        const counts = await read();
        this.set({ audience: "clinic" }, counts?.pending.clinic ?? 0);
        this.set({ audience: "user" }, counts?.pending.user ?? 0);
      },
    });
    new Gauge({
      name: "sofia_hub_inbox_unread",
      help: "Unread, unexpired items in care-team users' inboxes (inbox depth).",
      registers,
      async collect() {
        this.set((await read())?.unread ?? 0);
      },
    });
  }

  /** The counts of this scrape: one query, shared by the gauges collected together. */
  private read(): Promise<ReportCounts | null> {
    if (!this.source) return Promise.resolve(null);
    if (!this.current) {
      this.current = this.source();
      // The next scrape asks again; this one shares the query.
      const done = () => {
        this.current = null;
      };
      this.current.then(done, done);
    }
    return this.current;
  }
}
