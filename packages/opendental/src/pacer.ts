import { type Clock, delay } from "./clock.ts";

/**
 * The Remote API's throttle, per customer key (apiimplementation.html, "Throttling"): one request
 * per second for a key with any write permission, one per five seconds for a key with only
 * ApiReadAll ("This time includes the execution of the request itself"). Requests run one at a
 * time, each starting no sooner than `intervalMs` after the previous one started — so the client
 * stays inside the limit instead of discovering it (Open Dental documents no status for a
 * throttled request). The Local API and the API Service are not throttled and bypass this.
 */
export class Pacer {
  private tail: Promise<unknown> = Promise.resolve();
  private lastStart = Number.NEGATIVE_INFINITY;
  private queued = 0;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** Runs `fn` in its turn and once its slot has come; resolves or rejects with `fn`'s result. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.queued++;
    const turn = this.tail.then(async () => {
      const wait = this.lastStart + this.intervalMs - this.clock.now();
      if (wait > 0) await delay(this.clock, wait);
      this.queued--;
      this.lastStart = this.clock.now();
      return fn();
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Requests waiting for their turn (not counting the one running). */
  get waiting(): number {
    return this.queued;
  }

  /** Moves the next slot back by `ms` after the office said to slow down (Retry-After). */
  holdOff(ms: number): void {
    this.lastStart = Math.max(this.lastStart, this.clock.now() + ms - this.intervalMs);
  }
}
