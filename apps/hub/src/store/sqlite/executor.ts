import type { HubStore } from "../store.ts";
import { ACCESS } from "./access.ts";
import type { StoreCall } from "./store-call.ts";

/** Runs store calls somewhere (this thread, a worker thread) and answers with their results. */
export interface StoreExecutor {
  /** Resolves with the method's result; rejects with a `StoreError` or `AlreadyExistsError`. */
  call(call: StoreCall): Promise<unknown>;
  /** Finishes queued calls, makes every commit durable and closes the database. */
  close(): Promise<void>;
}

/**
 * The promise-based {@link HubStore} over an executor: every method becomes a {@link StoreCall}.
 * The method list comes from {@link ACCESS}, which the type system keeps complete, so this
 * facade cannot miss a method; the one assertion below is where that list meets the interface.
 */
export function storeOver(executor: StoreExecutor): HubStore {
  const parts: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [part, methods] of Object.entries(ACCESS)) {
    const facade: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) facade[method] = (...args) => executor.call({ part, method, args });
    parts[part] = facade;
  }
  return { ...(parts as unknown as Omit<HubStore, "close">), close: () => executor.close() };
}
