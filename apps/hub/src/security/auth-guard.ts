import type { Clock } from "@sofia/runtime/clock";
import { authChannel, type HubMetrics } from "../metrics/index.ts";
import { AuthFailureLimiter, type AuthFailureLimits } from "../users/auth-failure-limiter.ts";
import type { FailedAuthAudit } from "./failed-auth-audit.ts";

/** How many refused attempts the hub takes before it stops listening to a source. */
export interface AuthGuardLimits {
  /** Per remote address: every credential and code it presents. Default 20 per minute. */
  perAddress: AuthFailureLimits;
  /** Per claimed credential id (the public part of a secret). Default 20 per minute. */
  perCredential: AuthFailureLimits;
}

export const DEFAULT_AUTH_GUARD_LIMITS: AuthGuardLimits = {
  perAddress: { maxFailures: 20, windowMs: 60_000, maxSources: 10_000 },
  perCredential: { maxFailures: 20, windowMs: 60_000, maxSources: 10_000 },
};

/** Where an attempt came from and what it was, for the limits and the audit trail. */
export interface AttemptOrigin {
  remote: string;
  /** The audit action of a refusal: `api.auth_failed`, `socket.auth_failed`, `agent.enroll_failed`. */
  action: string;
}

/**
 * The hub's one gate for authentication attempts, over HTTP and sockets alike, and enrollment.
 * A remote address that has caused `perAddress.maxFailures` refusals in a window is refused
 * without verifying anything until the window ends (`429` + `Retry-After`, or the socket's
 * documented close). A credential id that has drawn `perCredential.maxFailures` refusals (from
 * anywhere: guesses spread over many addresses) is closed the same way to every address that has
 * already failed in this window — but an address with no failures is still verified, so whoever
 * holds the real secret is never locked out by someone else's guesses. Every refusal goes to the
 * audit trail, aggregated ({@link FailedAuthAudit}).
 */
export class AuthGuard {
  private readonly addresses: AuthFailureLimiter;
  private readonly credentials: AuthFailureLimiter;

  constructor(
    clock: Clock,
    private readonly audit: FailedAuthAudit,
    limits: AuthGuardLimits = DEFAULT_AUTH_GUARD_LIMITS,
    private readonly metrics?: HubMetrics,
  ) {
    this.addresses = new AuthFailureLimiter(clock, limits.perAddress);
    this.credentials = new AuthFailureLimiter(clock, limits.perCredential);
  }

  /** How long `remote` must wait before presenting `claimedId` (or anything, if `null`); 0: go ahead. */
  retryAfterMs(remote: string, claimedId: string | null): number {
    const byAddress = this.addresses.retryAfterMs(remote);
    if (byAddress > 0 || claimedId === null || this.addresses.failures(remote) === 0) return byAddress;
    return this.credentials.retryAfterMs(claimedId);
  }

  /** Records a refusal: counts it against the address and the claimed id, and audits it. */
  async refused(origin: AttemptOrigin, claimedId: string | null, reason: string): Promise<void> {
    if (reason !== "rate_limited") {
      this.addresses.failed(origin.remote);
      if (claimedId !== null) this.credentials.failed(claimedId);
    }
    this.metrics?.authFailed(authChannel(origin.action), reason);
    await this.audit.note({ action: origin.action, claimedId, remote: origin.remote, reason });
  }
}
