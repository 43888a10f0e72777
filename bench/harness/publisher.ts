/**
 * The producer side of the load generator: `POST /v1/reports` with a fixed number in flight (or
 * at a fixed rate), and the bookkeeping that matches deliveries to publishes by report id, so
 * that publish → delivery latency, losses and duplicates are counted from one clock.
 */
import { doctorId, reportBody } from "./content.ts";

/** Publishes and matches deliveries. */
export class Ledger {
  /** report id → when its POST started (ms, performance.now). */
  readonly startedAt = new Map<string, number>();
  /** report id → delivery times (more than one is a duplicate). */
  readonly deliveredAt = new Map<string, number[]>();
  readonly latencies: number[] = [];
  accepted = 0;
  refused = 0;
  private undelivered = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly base: string,
    private readonly producer: string,
  ) {}

  /** Records a delivery (call from the clients' `onDelivery`). */
  delivered = (reportId: string) => {
    const now = performance.now();
    const times = this.deliveredAt.get(reportId) ?? [];
    times.push(now);
    this.deliveredAt.set(reportId, times);
    const started = this.startedAt.get(reportId);
    if (times.length === 1 && started !== undefined) {
      this.latencies.push(now - started);
      this.undelivered--;
    }
    if (this.undelivered === 0) for (const w of this.waiters.splice(0)) w();
  };

  /** Publishes one report to `doctorId(doctor)`; true when the target answered 202. */
  async publish(doctor: number, tag: string): Promise<boolean> {
    const started = performance.now();
    const response = await fetch(`${this.base}/v1/reports`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.producer}`, "content-type": "application/json" },
      body: JSON.stringify(reportBody(doctorId(doctor), tag)),
    }).catch(() => null);
    const body: unknown = response ? await response.json().catch(() => null) : null;
    if (response?.status !== 202 || typeof body !== "object" || body === null || !("id" in body)) {
      this.refused++;
      return false;
    }
    const id = String(body.id);
    this.accepted++;
    this.startedAt.set(id, started);
    // A delivery can overtake the 202 on loopback: its latency is counted here instead.
    const early = this.deliveredAt.get(id)?.[0];
    if (early !== undefined) this.latencies.push(early - started);
    else this.undelivered++;
    return true;
  }

  /** Accepted reports not delivered yet. */
  pending(): number {
    return this.undelivered;
  }

  duplicates(): number {
    let n = 0;
    for (const times of this.deliveredAt.values()) n += times.length - 1;
    return n;
  }

  /** Resolves when every accepted report was delivered, or after `timeoutMs` (then some are lost). */
  settled(timeoutMs: number): Promise<void> {
    if (this.pending() === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
