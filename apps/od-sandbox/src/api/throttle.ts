import type { OfficeClock } from "../clock.ts";

/**
 * Remote-mode throttling, per customer key [S3][S5]: a key may start one request per interval
 * (5 s for read-only keys, 1 s for any other). Inferred: a request that comes too early is
 * rejected (Open Dental documents no 429 and does not say whether it queues) and does not count.
 */
export class Throttle {
  private readonly lastStart = new Map<string, number>();

  constructor(private readonly clock: OfficeClock) {}

  /** Admits a request (returning 0) or says how many ms remain until the key may call again. */
  admit(customerKey: string, intervalMs: number): number {
    const now = this.clock.now();
    const last = this.lastStart.get(customerKey);
    if (last !== undefined && now - last < intervalMs) return intervalMs - (now - last);
    this.lastStart.set(customerKey, now);
    return 0;
  }
}
