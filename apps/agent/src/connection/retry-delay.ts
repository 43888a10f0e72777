import type { CloseAdvice } from "@sofia/protocol";
import type { ConnectionTuning } from "./link.ts";

/**
 * How long the v1 link waits before connecting again after a close, by what the close code
 * advises: the backoff delay for a retry; at least `reauthenticateDelayMs` (60 s) after the
 * credential was refused, so a revoked key does not hammer the endpoint; `haltedRetryMs` (5 min)
 * after "do not reconnect". These are the rules `SofiaClient` applies to v2 inside
 * `@sofia/client`, which does not export them, so both protocols back off alike.
 */
export function retryDelay(advice: CloseAdvice, backoffMs: number, tuning: ConnectionTuning): number {
  if (advice === "give_up") return tuning.haltedRetryMs ?? 300_000;
  if (advice === "reauthenticate") return Math.max(tuning.reauthenticateDelayMs ?? 60_000, backoffMs);
  return backoffMs;
}
