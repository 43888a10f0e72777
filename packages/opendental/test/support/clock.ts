import type { OfficeClock } from "@sofia/od-sandbox/embed";
import { FakeClock } from "@sofia/testing";
import type { Clock } from "../../src/clock.ts";

/**
 * One fake clock for both sides of a test: the client's `Clock` (timers for deadlines and throttle
 * slots) and the sandbox's `OfficeClock` (its throttle, stamps and 60 s gateway timeout). Time moves
 * only when the test says so, and the sandbox sees exactly the time the client waited.
 */
export class TestClock extends FakeClock implements Clock, OfficeClock {
  readonly timeZone = "America/Denver";

  /** 2025-03-14 10:30:00 in Denver. */
  constructor(start = Date.parse("2025-03-14T16:30:00Z")) {
    super(start);
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
