/** A cancellable timer handle, whatever the clock behind it. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as the hub sees it. Everything that waits or stamps goes through a Clock so tests can move
 * time forward (the 10 s auth rule, retention) without sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds unless cancelled. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

/** The real clock: `Date.now()` and the runtime's timers. */
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
