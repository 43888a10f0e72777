import type { Clock } from "@sofia/runtime/clock";

/**
 * A token bucket on an injected clock: `capacity` tokens at most, refilled at `perSecond`.
 * {@link take} resolves at once while tokens remain, else when the next one has been refilled, so
 * a caller that awaits it on a serial path is slowed to the rate instead of refused.
 */
export class TokenBucket {
  private tokens: number;
  private updatedMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
    this.updatedMs = clock.now();
  }

  /** Takes one token, waiting for it if the bucket is empty. */
  async take(): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      const waitMs = Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, waitMs));
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedMs) / 1000) * this.perSecond);
    this.updatedMs = now;
  }
}
