/** Reconnect timing. */
export interface BackoffPolicy {
  /** Cap of the first delay. Default 1 s. */
  minMs: number;
  /** Cap of any delay. Default 60 s. */
  maxMs: number;
  /** A connection must stay up this long before the attempt count resets. Default 60 s. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { minMs: 1000, maxMs: 60_000, stableMs: 60_000 };

/**
 * Full-jitter exponential backoff: a uniform delay between 0 and `min(maxMs, minMs * 2^attempt)`.
 * Jitter spreads a clinic's or a region's clients apart after an outage, so they do not all come
 * back in the same second.
 */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Counts consecutive failed connections. The count resets only when a connection has stayed up for
 * `stableMs`, so a link that connects and drops at once keeps backing off instead of hammering.
 */
export class Backoff {
  private attempt = 0;
  private connectedAt: number | null = null;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number,
  ) {}

  /** Call when a connection is established. */
  connected(nowMs: number): void {
    this.connectedAt = nowMs;
  }

  /** Call when a connection ends or fails; returns how long to wait before the next attempt. */
  nextDelay(nowMs: number): number {
    if (this.connectedAt !== null && nowMs - this.connectedAt >= this.policy.stableMs) this.attempt = 0;
    this.connectedAt = null;
    return fullJitterDelay(this.attempt++, this.policy, this.random);
  }

  /** How many consecutive attempts have failed. */
  get attempts(): number {
    return this.attempt;
  }
}
