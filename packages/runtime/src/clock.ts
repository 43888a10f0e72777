/** A cancellable timer. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as a component sees it: wall-clock `now()` (which jumps when a laptop sleeps) and timers.
 * Everything that waits or stamps takes a `Clock`, so tests move time (`FakeClock` in
 * `@sofia/testing`) instead of sleeping. Browser-safe: no runtime imports.
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

/** ISO 8601 UTC text for a clock reading, as stored and sent everywhere. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
