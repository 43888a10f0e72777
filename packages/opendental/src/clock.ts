import type { Clock } from "@sofia/runtime/clock";

/**
 * Time as the client sees it: `now()` for pacing and status, timers for request deadlines and
 * throttle slots — the workspace's `Clock`, injected so tests drive throttling and timeouts without
 * sleeping. (Open Dental's own "now" is the office server's clock, `serverDateTime`; this one is
 * only ever the client's.)
 */
export { type Clock, systemClock, type TimerHandle } from "@sofia/runtime/clock";

/** Resolves after `ms` of `clock` time. */
export function delay(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
