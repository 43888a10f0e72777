import type { EventDetail } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import { errorCode, type Logger } from "@sofia/runtime/log";
import type { AuditLog } from "../store/store.ts";

/** One refused attempt to authenticate (or enroll), as the audit trail keeps it. */
export interface RefusedAttempt {
  /** `api.auth_failed`, `socket.auth_failed`, `agent.enroll_failed`. */
  action: string;
  /** The credential id the attempt claimed, or `null` (malformed secret, enrollment code). */
  claimedId: string | null;
  remote: string;
  /** `unknown`, `revoked`, `malformed`, `rate_limited`... */
  reason: string;
}

interface Bucket {
  attempt: RefusedAttempt;
  repeats: number;
  firstAt: string;
  lastAt: string;
  reasons: Map<string, number>;
}

/** Distinct (action, credential, address) kept at once; beyond it, attempts go to one overflow bucket. */
export const MAX_AUDIT_BUCKETS = 1000;

/**
 * Keeps the audit trail of refused attempts bounded: the first refusal of an (action, claimed
 * credential, address) is recorded at once, and its repeats until the next {@link flush} (every
 * minute) become one record with their count, first and last time and reasons. So an operator
 * sees a failing client straight away, and a flood of guesses costs at most two rows per source
 * per minute instead of one per attempt (and beyond {@link MAX_AUDIT_BUCKETS} sources, one row in
 * all). What is counted but not yet flushed is written when the hub stops. A store that cannot
 * take a record is logged, never thrown: it must not turn a refused credential into an error.
 */
export class FailedAuthAudit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Notes a refusal; records it now if it is the first of its kind since the last flush. */
  async note(attempt: RefusedAttempt): Promise<void> {
    const at = isoAt(this.clock.now());
    let key = `${attempt.action}\n${attempt.claimedId ?? ""}\n${attempt.remote}`;
    let bucket = this.buckets.get(key);
    if (!bucket && this.buckets.size >= MAX_AUDIT_BUCKETS) {
      key = `${attempt.action}\n*`;
      bucket = this.buckets.get(key);
      if (!bucket) {
        const overflow = { ...attempt, claimedId: null, remote: "(many sources)" };
        bucket = { attempt: overflow, repeats: 0, firstAt: at, lastAt: at, reasons: new Map() };
        this.buckets.set(key, bucket);
      }
    }
    if (!bucket) {
      this.buckets.set(key, { attempt, repeats: 0, firstAt: at, lastAt: at, reasons: new Map() });
      await this.record(row(attempt, at, { remote: attempt.remote, reason: attempt.reason, attempts: 1 }));
      return;
    }
    if (bucket.repeats === 0) bucket.firstAt = at;
    bucket.repeats++;
    bucket.lastAt = at;
    bucket.reasons.set(attempt.reason, (bucket.reasons.get(attempt.reason) ?? 0) + 1);
  }

  /** Records one row per source with repeats since the last flush, and starts afresh. */
  async flush(): Promise<void> {
    const buckets = [...this.buckets.values()];
    this.buckets.clear();
    for (const b of buckets) {
      if (b.repeats === 0) continue;
      const detail: EventDetail = {
        remote: b.attempt.remote,
        attempts: b.repeats,
        first_at: b.firstAt,
        last_at: b.lastAt,
      };
      for (const [reason, n] of b.reasons) detail[`reason.${reason}`] = n;
      await this.record(row(b.attempt, b.firstAt, detail));
    }
  }

  private async record(event: ReturnType<typeof row>): Promise<void> {
    try {
      await this.audit.record(event);
    } catch (error) {
      this.log.error("audit record of a refused attempt failed", { code: errorCode(error) ?? null });
    }
  }
}

function row(attempt: RefusedAttempt, at: string, detail: EventDetail) {
  return { at, actor: attempt.claimedId ?? "anonymous", action: attempt.action, subject: null, clinicId: null, detail };
}
