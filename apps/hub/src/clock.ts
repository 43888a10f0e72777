/**
 * Time as the hub sees it. Everything that waits or stamps goes through a `Clock` so tests can move
 * time forward (the 10 s auth rule, the heartbeat, retention) without sleeping. The interface and
 * the system clock are the ones `@sofia/client` defines, so one fake clock serves both.
 */
export { type Clock, systemClock, type TimerHandle } from "@sofia/client";

/** ISO 8601 UTC text for a clock reading, as stored and sent everywhere. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
