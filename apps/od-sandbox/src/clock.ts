import { type Clock, systemClock as runtimeClock } from "@sofia/runtime/clock";

/**
 * Time as the sandbox sees it. Open Dental stamps and reports office-local wall-clock times with no
 * offset ([S3]), so the clock carries the office's time zone next to the workspace's `Clock`.
 * Everything that stamps, throttles or waits goes through an `OfficeClock`, so tests move time
 * (`@sofia/testing`'s `FakeClock` with a time zone) instead of sleeping.
 */
export interface OfficeClock extends Clock {
  /** IANA time zone of the office, e.g. "America/Denver". */
  readonly timeZone: string;
}

/** The machine's clock, in the machine's (or the given) time zone. */
export function systemClock(timeZone?: string): OfficeClock {
  return { ...runtimeClock, timeZone: timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** Resolves once `ms` of `clock`'s time has passed, or at once when `signal` aborts. */
export function after(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      timer.cancel();
      resolve();
    });
  });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `yyyy-MM-dd HH:mm:ss` of an instant in the office's time zone: Open Dental's DateTime format. */
export function officeDateTime(ms: number, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const part = (type: string) => format.formatToParts(ms).find((p) => p.type === type)?.value ?? "00";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

/** The office-local "now" of a clock, as Open Dental's DateTime text. */
export function officeNow(clock: OfficeClock): string {
  return officeDateTime(clock.now(), clock.timeZone);
}

/** The office-local date of a clock, as Open Dental's Date text (`yyyy-MM-dd`). */
export function officeToday(clock: OfficeClock): string {
  return officeNow(clock).slice(0, 10);
}
