/** A cancellable timer. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as the client sees it: `now()` for pacing and status, timers for request deadlines and
 * throttle slots. Injected so tests drive throttling and timeouts without sleeping. (Open Dental's
 * own "now" is the office server's clock, `serverDateTime`; this one is only ever the client's.)
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

/** `Date.now()` and the runtime's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Resolves after `ms` of `clock` time. */
export function delay(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
