/**
 * The store thread: owns the hub's SQLite connection, so no query, lock wait or disk sync ever
 * runs on the event loop that serves sockets. Calls arrive in batches from `WorkerExecutor` and
 * run through a {@link GroupScheduler}.
 */
import { GroupScheduler } from "./group-scheduler.ts";
import { openSyncStore } from "./open.ts";
import { toCallError } from "./store-call.ts";
import type { FromStoreThread, ToStoreThread } from "./worker-protocol.ts";

declare const self: Worker;

let scheduler: GroupScheduler | null = null;
let close: (() => void) | null = null;
const post = (message: FromStoreThread) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ToStoreThread>) => {
  const message = event.data;
  switch (message.kind) {
    case "open":
      try {
        const { db, runner } = openSyncStore(message.settings.path, 0);
        close = () => db.close();
        scheduler = new GroupScheduler(
          runner,
          (outcomes, commitSeconds) => post({ kind: "outcomes", outcomes, commitSeconds }),
          { now: Date.now, later: (fn, ms) => setTimeout(fn, ms), soon: (fn) => setImmediate(fn) },
          message.settings.busyGiveUpMs,
        );
        post({ kind: "opened" });
      } catch (error) {
        post({ kind: "open_failed", error: toCallError(error) });
      }
      break;
    case "calls":
      scheduler?.enqueue(message.calls);
      break;
    case "close":
      void (scheduler?.drain() ?? Promise.resolve()).then(() => {
        close?.();
        post({ kind: "closed" });
      });
      break;
  }
};
