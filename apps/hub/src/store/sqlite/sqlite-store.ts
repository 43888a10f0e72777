import type { HubStore } from "../store.ts";
import { storeOver } from "./executor.ts";
import { InlineExecutor } from "./inline-executor.ts";
import { openSyncStore } from "./open.ts";
import { WorkerExecutor } from "./worker-executor.ts";

/** Where the embedded store runs its SQLite work. */
export interface SqliteStoreOptions {
  /**
   * `worker` (a server): a thread of its own, writes grouped into shared commits, lock contention
   * retried without blocking. `inline` (a command-line tool): on the calling thread, one
   * transaction per write, waiting up to `busyTimeoutMs` for another process's lock.
   */
  thread: "worker" | "inline";
  /** Worker: how long writes retry a locked database before failing. Default 5 s. */
  busyGiveUpMs?: number;
  /** Inline: how long a statement waits for a lock. Default 5 s. */
  busyTimeoutMs?: number;
}

/** The embedded store: one SQLite file (WAL) holding everything, for a single hub node. */
export async function openSqliteStore(path: string, options: SqliteStoreOptions): Promise<HubStore> {
  if (options.thread === "inline") {
    const { db, runner } = openSyncStore(path, options.busyTimeoutMs ?? 5000);
    return storeOver(new InlineExecutor(db, runner));
  }
  const executor = new WorkerExecutor({ path, busyGiveUpMs: options.busyGiveUpMs ?? 5000 });
  await executor.start();
  return {
    ...storeOver(executor),
    observeCommits: (listener) => {
      executor.commitListener = listener;
    },
  };
}
