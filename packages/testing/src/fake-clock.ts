/** A cancellable timer handle (the shape of both the hub's and the client's Clock). */
export interface TimerHandle {
  cancel(): void;
}

/** A clock that moves only when a test says so. Timers fire in order of due time. */
export class FakeClock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private current = Date.parse("2026-11-20T09:00:00Z")) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.current + ms, fn, id });
    return { cancel: () => (this.timers = this.timers.filter((t) => t.id !== id)) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = due.at;
      due.fn();
    }
    this.current = target;
  }

  /**
   * Moves the wall clock forward without firing anything, as when a laptop sleeps: timers stay
   * where they were and fire late, on the next {@link advance}.
   */
  jump(ms: number): void {
    this.current += ms;
    this.timers = this.timers.map((t) => ({ ...t, at: t.at + ms }));
  }

  /** Milliseconds until the next armed timer is due, if any. */
  nextDue(): number | undefined {
    const at = Math.min(...this.timers.map((t) => t.at));
    return Number.isFinite(at) ? at - this.current : undefined;
  }

  /** How many timers are armed (e.g. one auth deadline per unauthenticated socket). */
  get pending(): number {
    return this.timers.length;
  }
}
