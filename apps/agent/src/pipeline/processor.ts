import type { Clock, TimerHandle } from "@sofia/client";
import type { Logger } from "@sofia/runtime/log";
import type { Journal } from "../journal/journal.ts";
import type { JournalEntry } from "../journal/rows.ts";
import type { Failed, Held, Sink } from "./sink.ts";

/** Retry rules for failed reports. */
export interface RetryPolicy {
  /** Attempts (binding or writing) before a report goes to the dead-letter state. */
  maxAttempts: number;
  /** Delay after the first failure; doubles each time, capped by `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, firstDelayMs: 30_000, maxDelayMs: 30 * 60_000 };

/**
 * Moves journaled reports through the sink: `received → bound → written | held | failed`, failed
 * ones again after a growing delay, then `dead`. One pass at a time; `kick()` during a pass asks
 * for another. Never throws: a sink that throws is a retryable failure.
 */
export class Processor {
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: TimerHandle | null = null;
  private stopped = false;

  constructor(
    private readonly journal: Journal,
    private readonly sink: Sink,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** Processes whatever is due; resolves when the pass (and any pass it asked for) is done. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
      this.scheduleRetry();
    });
    return this.running;
  }

  /** Stops scheduling; waits for a pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.retryTimer?.cancel();
    await this.running;
  }

  private async pass(): Promise<void> {
    for (const entry of this.journal.due(this.clock.now())) {
      if (this.stopped) return;
      await this.process(entry);
    }
  }

  private async process(entry: JournalEntry): Promise<void> {
    const report = this.journal.content(entry.reportId);
    if (entry.state === "failed") this.journal.move(entry.reportId, "received");
    if (!report) {
      this.journal.move(entry.reportId, "dead", { reason: "the journal has no content for this report" });
      return;
    }
    // A report left `bound` by a crash is written where it was bound: the sink resumes its write.
    let target = entry.state === "bound" ? entry.target : null;
    if (!target) {
      const context = { receivedAt: entry.receivedAt, protocol: entry.protocol };
      const bound = await this.attempt(() => this.sink.bind(report, context));
      if (bound.outcome !== "bound") return this.settle(entry, bound);
      this.journal.move(entry.reportId, "bound", { target: bound.target, attempt: true });
      target = bound.target;
    }
    const boundTo = target;
    const written = await this.attempt(() => this.sink.write(report, boundTo));
    if (written.outcome === "written") {
      this.journal.move(entry.reportId, "written", { target: written.target, reason: written.reason ?? null });
      this.log.info("report written", { report_id: entry.reportId, sink: this.sink.name });
      return;
    }
    this.settle(entry, written, false);
  }

  private settle(entry: JournalEntry, result: Held | Failed, countAttempt = true) {
    const id = entry.reportId;
    if (result.outcome === "held") {
      const target = result.target ? { target: result.target } : {};
      this.journal.move(id, "held", { reason: result.reason, attempt: countAttempt, ...target });
      this.log.info("report held", { report_id: id, sink: this.sink.name });
      return;
    }
    const attempts = entry.attempts + 1;
    if (!result.retryable || attempts >= this.retry.maxAttempts) {
      this.journal.move(id, "failed", { reason: result.reason, attempt: countAttempt });
      this.journal.move(id, "dead", { reason: result.reason });
      this.log.warn("report dead-lettered", { report_id: id, attempts, sink: this.sink.name });
      return;
    }
    const delay = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (attempts - 1));
    const nextAttemptMs = this.clock.now() + delay;
    this.journal.move(id, "failed", { reason: result.reason, nextAttemptMs, attempt: countAttempt });
    this.log.warn("report write failed; will retry", { report_id: id, attempts, retry_in_ms: delay });
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T | Failed> {
    try {
      return await fn();
    } catch (error) {
      // A sink's exception text may quote the report: keep it out of reasons and logs.
      const kind = error instanceof Error ? error.name : "error";
      return { outcome: "failed", reason: `the ${this.sink.name} sink threw (${kind})`, retryable: true };
    }
  }

  private scheduleRetry(): void {
    this.retryTimer?.cancel();
    const next = this.journal.nextRetryMs();
    if (next === null || this.stopped) return;
    this.retryTimer = this.clock.setTimeout(() => void this.kick(), Math.max(0, next - this.clock.now()));
  }
}
