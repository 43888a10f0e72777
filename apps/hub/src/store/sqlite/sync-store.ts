import type { HubStore } from "../store.ts";

/** The methods of one store part, returning their results directly instead of promises. */
export type SyncMethods<T> = {
  [M in keyof T]: T[M] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/**
 * {@link HubStore} as SQLite runs it: synchronously, on whichever thread owns the connection. An
 * executor (`inline-executor.ts`, `worker-executor.ts`) turns it back into the promise-based
 * `HubStore` the hub uses, deciding where the work runs and how calls share transactions.
 */
export type SyncStore = {
  [K in Exclude<keyof HubStore, "close" | "observeCommits">]: SyncMethods<HubStore[K]>;
};

/** A part of the store, e.g. `reports`. */
export type StorePart = keyof SyncStore;
