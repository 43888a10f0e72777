import { OdErrorCode, OpenDentalError } from "./errors.ts";

/**
 * Writes go one at a time, in order, whatever endpoint they use: Open Dental's advice for the
 * API ("serialise writes"), and the guarantee that two writes for one report are never in flight
 * together. A write tagged with a report id while another write for that report is queued or
 * running is refused at once (`write_in_flight`) rather than queued: it means the caller is
 * retrying a write whose outcome it does not know yet, which is how duplicate notes are made.
 */
export class WriteGate {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly reports = new Set<string>();
  private pending = 0;

  /** Runs `fn` after every write queued before it. */
  run<T>(reportId: string | undefined, request: string, fn: () => Promise<T>): Promise<T> {
    if (reportId !== undefined && this.reports.has(reportId)) {
      return Promise.reject(new OpenDentalError({ code: OdErrorCode.WRITE_IN_FLIGHT, request }));
    }
    if (reportId !== undefined) this.reports.add(reportId);
    this.pending++;
    const turn = this.tail.then(fn).finally(() => {
      this.pending--;
      if (reportId !== undefined) this.reports.delete(reportId);
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Writes queued or running. */
  get size(): number {
    return this.pending;
  }
}
