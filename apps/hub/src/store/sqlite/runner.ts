import type { Database } from "bun:sqlite";
import { type Access, accessOf } from "./access.ts";
import { type CallOutcome, type StoreCall, toCallError } from "./store-call.ts";
import type { SyncStore } from "./sync-store.ts";

/**
 * Runs store calls on the thread that owns the connection. Reads run on their own; writes run as
 * a group in one `BEGIN IMMEDIATE` transaction, each in its own savepoint, so one call's failure
 * rolls back only that call while the others commit together (group commit: one sync for all).
 * The group is synced to disk when any call in it needs it; otherwise it commits without a sync
 * and {@link syncNow} makes it durable soon after.
 */
export class SqliteRunner {
  private synchronous: "FULL" | "NORMAL" = "FULL";
  private readonly markSync;

  constructor(
    private readonly db: Database,
    private readonly store: SyncStore,
  ) {
    this.markSync = db.query("UPDATE store_sync SET at_ms = ? WHERE id = 1");
  }

  /** The access of a call, or an outcome refusing a call that is not a store method. */
  classify(call: StoreCall): Access | CallOutcome {
    return (
      accessOf(call.part, call.method, call.args) ?? {
        ok: false,
        error: { name: "Error", message: `no store method ${call.part}.${call.method}`, code: "STORE_FAILED" },
      }
    );
  }

  /** Runs a read. */
  read(call: StoreCall): CallOutcome {
    return this.invoke(call);
  }

  /**
   * Runs writes as one transaction and returns each call's outcome. Throws (leaving nothing
   * written) when the transaction cannot start or commit, e.g. `SQLITE_BUSY` while another process
   * holds the write lock: the caller retries the whole group later.
   */
  writeGroup(calls: readonly StoreCall[], durable: boolean): CallOutcome[] {
    this.setSynchronous(durable ? "FULL" : "NORMAL");
    this.db.exec("BEGIN IMMEDIATE");
    const outcomes: CallOutcome[] = [];
    try {
      for (const call of calls) {
        this.db.exec("SAVEPOINT call");
        const outcome = this.invoke(call);
        this.db.exec(outcome.ok ? "RELEASE call" : "ROLLBACK TO call; RELEASE call");
        outcomes.push(outcome);
      }
      this.db.exec("COMMIT");
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
    return outcomes;
  }

  /** Makes every earlier lazy commit durable: one tiny synced commit syncs the whole WAL before it. */
  syncNow(nowMs: number): void {
    this.setSynchronous("FULL");
    this.db.transaction(() => this.markSync.run(nowMs)).immediate();
  }

  private invoke(call: StoreCall): CallOutcome {
    try {
      const parts: Record<string, Record<string, unknown> | undefined> = this.store;
      const method = parts[call.part]?.[call.method];
      if (typeof method !== "function") throw new Error(`no store method ${call.part}.${call.method}`);
      return { ok: true, value: method(...call.args) };
    } catch (error) {
      return { ok: false, error: toCallError(error) };
    }
  }

  private setSynchronous(level: "FULL" | "NORMAL"): void {
    if (this.synchronous === level) return;
    this.db.exec(`PRAGMA synchronous = ${level}`);
    this.synchronous = level;
  }
}
