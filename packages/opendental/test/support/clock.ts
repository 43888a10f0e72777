import type { OfficeClock } from "@sofia/od-sandbox/embed";
import type { Clock, TimerHandle } from "../../src/clock.ts";

/**
 * One fake clock for both sides of a test: the client's `Clock` (timers for deadlines and throttle
 * slots) and the sandbox's `OfficeClock` (its throttle, stamps and 60 s gateway timeout). Time moves
 * only when the test says so, and the sandbox sees exactly the time the client waited.
 */
export class TestClock implements Clock, OfficeClock {
  readonly timeZone = "America/Denver";
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  /** 2025-03-14 10:30:00 in Denver. */
  constructor(private current = Date.parse("2025-03-14T16:30:00Z")) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.current + Math.max(ms, 0), fn, id });
    return { cancel: () => (this.timers = this.timers.filter((t) => t.id !== id)) };
  }

  after(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.setTimeout(resolve, ms);
      signal?.addEventListener("abort", () => {
        timer.cancel();
        resolve();
      });
    });
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
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

  /** Milliseconds until the next timer, if any. */
  nextDue(): number | undefined {
    const at = Math.min(...this.timers.map((t) => t.at));
    return Number.isFinite(at) ? at - this.current : undefined;
  }
}

/**
 * Waits for `work`, moving the clock to each timer that falls due within `horizonMs` whenever the
 * test is otherwise waiting — throttle slots, Retry-After pauses — but never as far as a request's
 * deadline, so a slow machine cannot turn into a spurious timeout.
 */
export async function drive<T>(clock: TestClock, work: Promise<T>, horizonMs = 6000): Promise<T> {
  let settled = false;
  const watched = work.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const due = clock.nextDue();
    if (!settled && due !== undefined && due <= horizonMs) clock.advance(due);
  }
  return work;
}
