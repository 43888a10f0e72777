import { StoreError } from "../errors.ts";
import type { StoreExecutor } from "./executor.ts";
import { type CallOutcome, fromCallError, type StoreCall } from "./store-call.ts";
import type { FromStoreThread, StoreThreadSettings, ToStoreThread } from "./worker-protocol.ts";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Runs store calls on a dedicated thread (`store-worker.ts`). Calls made in the same turn of the
 * event loop travel in one message, and the store thread commits the writes among them together.
 * If the thread dies, its pending calls fail with `STORE_THREAD_FAILED` and the next call starts a
 * fresh thread.
 */
export class WorkerExecutor implements StoreExecutor {
  private worker: Worker | null = null;
  private opened: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private outbox: (StoreCall & { id: number })[] = [];
  private nextId = 1;
  private closed = false;
  private onClosed: (() => void) | null = null;
  /** Told each write transaction's duration on the store thread (the hub's metrics). */
  commitListener: ((seconds: number) => void) | null = null;

  constructor(private readonly settings: StoreThreadSettings) {}

  /** Starts the thread and opens (and migrates) the database; rejects if that fails. */
  start(): Promise<void> {
    if (this.opened) return this.opened;
    const worker = new Worker(new URL("./store-worker.ts", import.meta.url).href);
    this.worker = worker;
    this.opened = new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromStoreThread>) => {
        const message = event.data;
        if (message.kind === "opened") resolve();
        else if (message.kind === "open_failed") {
          this.stopThread();
          reject(fromCallError(message.error));
        } else if (message.kind === "outcomes") {
          if (message.commitSeconds !== undefined) this.commitListener?.(message.commitSeconds);
          this.settle(message.outcomes);
        } else if (message.kind === "closed") this.onClosed?.();
      };
      worker.onerror = (event) => {
        const error = new StoreError("STORE_THREAD_FAILED", `the store thread failed: ${event.message}`);
        reject(error);
        this.failAll(error);
        this.stopThread();
      };
    });
    this.send({ kind: "open", settings: this.settings });
    return this.opened;
  }

  async call(call: StoreCall): Promise<unknown> {
    if (this.closed) throw new StoreError("STORE_CLOSED", "the store is closed");
    await this.start();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      if (this.outbox.length === 0) queueMicrotask(() => this.flushOutbox());
      this.outbox.push({ ...call, id });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.worker || !this.opened) return;
    await this.opened.catch(() => {});
    this.flushOutbox();
    await new Promise<void>((resolve) => {
      this.onClosed = resolve;
      this.send({ kind: "close" });
    });
    this.worker?.terminate();
    this.worker = null;
  }

  /** Ends the thread; the next call starts a fresh one. */
  private stopThread(): void {
    this.worker?.terminate();
    this.worker = null;
    this.opened = null;
  }

  private flushOutbox(): void {
    if (this.outbox.length === 0) return;
    const calls = this.outbox;
    this.outbox = [];
    this.send({ kind: "calls", calls });
  }

  private send(message: ToStoreThread): void {
    this.worker?.postMessage(message);
  }

  private settle(outcomes: { id: number; outcome: CallOutcome }[]): void {
    for (const { id, outcome } of outcomes) {
      const waiter = this.pending.get(id);
      if (!waiter) continue;
      this.pending.delete(id);
      if (outcome.ok) waiter.resolve(outcome.value);
      else waiter.reject(fromCallError(outcome.error));
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
    this.outbox = [];
  }
}
