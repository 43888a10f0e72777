import type { Database } from "bun:sqlite";
import type { StoreExecutor } from "./executor.ts";
import type { SqliteRunner } from "./runner.ts";
import { type CallOutcome, fromCallError, type StoreCall, toCallError } from "./store-call.ts";

/**
 * Runs each call on the calling thread, a write in a transaction of its own. For command-line
 * tools, which may block while another process holds the lock (the connection's busy timeout
 * waits); a server uses the worker executor instead, which never blocks its event loop.
 */
export class InlineExecutor implements StoreExecutor {
  constructor(
    private readonly db: Database,
    private readonly runner: SqliteRunner,
  ) {}

  async call(call: StoreCall): Promise<unknown> {
    const outcome = this.run(call);
    if (!outcome.ok) throw fromCallError(outcome.error);
    return outcome.value;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private run(call: StoreCall): CallOutcome {
    const access = this.runner.classify(call);
    if (typeof access !== "string") return access;
    if (access === "read") return this.runner.read(call);
    try {
      const [outcome] = this.runner.writeGroup([call], true);
      return outcome ?? { ok: false, error: toCallError(new Error("no outcome")) };
    } catch (error) {
      return { ok: false, error: toCallError(error) };
    }
  }
}
