import { LAZY_SYNC_MS } from "./access.ts";
import type { SqliteRunner } from "./runner.ts";
import { type CallOutcome, type StoreCall, toCallError } from "./store-call.ts";

/** A call waiting on the store thread, with where its outcome goes. */
export interface QueuedCall extends StoreCall {
  id: number;
}

/** Timers, injected so tests can drive contention without waiting. */
export interface SchedulerTimers {
  now(): number;
  later(fn: () => void, ms: number): void;
  soon(fn: () => void): void;
}

const FIRST_RETRY_MS = 2;
const MAX_RETRY_MS = 100;

/**
 * Decides when the store thread runs what is queued. Reads run at once. Writes that arrived
 * together run as one group (one commit, one sync). When another process holds the write lock
 * (`SQLITE_BUSY`), the group is retried with jittered exponential backoff while reads go on, and
 * fails only after `busyGiveUpMs`; no thread ever sleeps in SQLite's busy handler. A group that
 * needed no sync is made durable within {@link LAZY_SYNC_MS}.
 */
export class GroupScheduler {
  private queue: QueuedCall[] = [];
  private flushing = false;
  private busySince: number | null = null;
  private retryAt = 0;
  private retryDelay = FIRST_RETRY_MS;
  private lazyPending = false;
  private closing: (() => void) | null = null;

  constructor(
    private readonly runner: SqliteRunner,
    /** Gets the outcomes of a turn, and how long its write transaction took (seconds), if it ran one. */
    private readonly reply: (outcomes: { id: number; outcome: CallOutcome }[], commitSeconds?: number) => void,
    private readonly timers: SchedulerTimers,
    private readonly busyGiveUpMs: number,
  ) {}

  /** Queues calls; they run on the next turn, together with whatever else arrives meanwhile. */
  enqueue(calls: QueuedCall[]): void {
    this.queue.push(...calls);
    this.schedule();
  }

  /** Resolves once everything queued has run and every commit is synced. */
  drain(): Promise<void> {
    return new Promise((resolve) => {
      this.closing = resolve;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = true;
    this.timers.soon(() => this.flush());
  }

  private flush(): void {
    this.flushing = false;
    const reads: QueuedCall[] = [];
    const writes: { call: QueuedCall; durable: boolean }[] = [];
    const outcomes: { id: number; outcome: CallOutcome }[] = [];
    for (const call of this.queue) {
      const access = this.runner.classify(call);
      if (typeof access !== "string") outcomes.push({ id: call.id, outcome: access });
      else if (access === "read") reads.push(call);
      else writes.push({ call, durable: access === "write" });
    }
    for (const call of reads) outcomes.push({ id: call.id, outcome: this.runner.read(call) });
    this.queue = writes.map((w) => w.call);
    let commitSeconds: number | undefined;
    if (writes.length > 0 && this.timers.now() >= this.retryAt) {
      const started = performance.now();
      const written = this.writeGroup(writes);
      // Only a group that ran (not one put off by another process's lock) is a commit.
      if (written.length > 0) commitSeconds = (performance.now() - started) / 1000;
      outcomes.push(...written);
    }
    if (outcomes.length > 0) this.reply(outcomes, commitSeconds);
    if (this.queue.length === 0 && this.closing) this.finishClosing();
  }

  private writeGroup(writes: { call: QueuedCall; durable: boolean }[]): { id: number; outcome: CallOutcome }[] {
    const durable = writes.some((w) => w.durable) || this.closing !== null;
    try {
      const outcomes = this.runner.writeGroup(
        writes.map((w) => w.call),
        durable,
      );
      this.queue = [];
      this.busySince = null;
      this.retryDelay = FIRST_RETRY_MS;
      this.afterCommit(durable);
      return writes.map((w, i) => ({ id: w.call.id, outcome: outcomes[i] ?? { ok: false, error: noOutcome } }));
    } catch (error) {
      const failure = toCallError(error);
      const now = this.timers.now();
      const contended = failure.code === "SQLITE_BUSY" || failure.code === "SQLITE_LOCKED";
      this.busySince ??= now;
      if (contended && now - this.busySince < this.busyGiveUpMs) {
        this.retryLater(now);
        return [];
      }
      this.queue = [];
      this.busySince = null;
      return writes.map((w) => ({ id: w.call.id, outcome: { ok: false, error: failure } }));
    }
  }

  private retryLater(now: number): void {
    const delay = Math.ceil(this.retryDelay * (0.5 + Math.random() / 2));
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
    this.retryAt = now + delay;
    this.timers.later(() => this.schedule(), delay);
  }

  private afterCommit(durable: boolean): void {
    if (durable) {
      this.lazyPending = false;
      return;
    }
    if (this.lazyPending) return;
    this.lazyPending = true;
    this.timers.later(() => this.syncLazy(), LAZY_SYNC_MS);
  }

  private syncLazy(): void {
    if (!this.lazyPending) return;
    try {
      this.runner.syncNow(this.timers.now());
      this.lazyPending = false;
    } catch {
      // Locked by another process: try again shortly; the next synced group covers it too.
      this.timers.later(() => this.syncLazy(), MAX_RETRY_MS);
    }
  }

  private finishClosing(): void {
    if (this.lazyPending) {
      this.syncLazy();
      if (this.lazyPending) {
        this.timers.later(() => this.finishClosing(), MAX_RETRY_MS);
        return;
      }
    }
    const done = this.closing;
    this.closing = null;
    done?.();
  }
}

const noOutcome = { name: "Error", message: "the call has no outcome", code: "STORE_FAILED" };
