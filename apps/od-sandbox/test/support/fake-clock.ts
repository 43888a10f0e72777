import type { OfficeClock } from "../../src/clock.ts";

/** An office clock that moves only when a test says so; `after` waiters fire as time passes. */
export class FakeClock implements OfficeClock {
  private waiters: { at: number; resolve: () => void }[] = [];

  constructor(
    private ms: number,
    readonly timeZone = "America/Denver",
  ) {}

  now(): number {
    return this.ms;
  }

  after(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiter = { at: this.ms + ms, resolve };
      this.waiters.push(waiter);
      signal?.addEventListener("abort", () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      });
    });
  }

  /** How many `after` waiters are pending (a request held by a timeout fault is one). */
  get pending(): number {
    return this.waiters.length;
  }

  /** Moves time forward and wakes every waiter that is due. */
  advance(ms: number): void {
    this.ms += ms;
    const due = this.waiters.filter((w) => w.at <= this.ms);
    this.waiters = this.waiters.filter((w) => w.at > this.ms);
    for (const w of due) w.resolve();
  }
}

/** 2025-03-14 10:30:00 in Denver (MDT, UTC-6): an instant whose office date differs from nothing odd. */
export const OFFICE_NOON_ISH = Date.parse("2025-03-14T16:30:00Z");
