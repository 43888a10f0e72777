import type { Clock } from "@sofia/runtime/clock";
import { makeRoom } from "../make-room.ts";

/** How many refused authentications a source may cause before it is turned away. */
export interface AuthFailureLimits {
  /** Refusals allowed per window. Default 20. */
  maxFailures: number;
  /** Default 60 s. */
  windowMs: number;
  /** Sources tracked at once; beyond it the oldest are forgotten. Default 10 000. */
  maxSources: number;
}

export const DEFAULT_AUTH_FAILURE_LIMITS: AuthFailureLimits = { maxFailures: 20, windowMs: 60_000, maxSources: 10_000 };

/**
 * Counts refused authentications per source (a remote address, a credential id) in fixed windows. A source over
 * the limit is refused without verifying anything until its window ends, so a client stuck on a
 * bad token, or someone trying tokens, costs the hub (and the clinic's JWKS server) nothing.
 * Successes do not reset the count: one valid token must not buy unlimited guesses.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { startMs: number; failures: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: AuthFailureLimits = DEFAULT_AUTH_FAILURE_LIMITS,
  ) {}

  /** Whether `source` has used up its refusals for the current window. */
  blocked(source: string): boolean {
    return this.retryAfterMs(source) > 0;
  }

  /** How long until `source` may try again: 0 when it is not blocked. */
  retryAfterMs(source: string): number {
    const window = this.current(source);
    if (window === undefined || window.failures < this.limits.maxFailures) return 0;
    return Math.max(1, window.startMs + this.limits.windowMs - this.clock.now());
  }

  /** Refusals `source` has caused in the current window. */
  failures(source: string): number {
    return this.current(source)?.failures ?? 0;
  }

  /** Records one refused authentication from `source`. */
  failed(source: string): void {
    const window = this.current(source);
    if (window) {
      window.failures++;
      return;
    }
    // The first window opened is the first forgotten.
    makeRoom(this.windows, this.limits.maxSources);
    this.windows.set(source, { startMs: this.clock.now(), failures: 1 });
  }

  private current(source: string) {
    const window = this.windows.get(source);
    if (window && this.clock.now() - window.startMs >= this.limits.windowMs) {
      this.windows.delete(source);
      return undefined;
    }
    return window;
  }
}
