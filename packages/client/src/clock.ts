/** A cancellable timer. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as the client sees it: wall-clock `now()` (which jumps when a laptop sleeps) and timers.
 * Injected so tests can drive reconnects and deadlines without sleeping.
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
