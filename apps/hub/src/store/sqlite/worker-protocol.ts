import type { CallError, CallOutcome, StoreCall } from "./store-call.ts";

/** Settings of the thread that owns the database. */
export interface StoreThreadSettings {
  path: string;
  /** How long writes keep retrying while another process holds the lock before failing with `SQLITE_BUSY`. */
  busyGiveUpMs: number;
}

/** Main thread → store thread. */
export type ToStoreThread =
  | { kind: "open"; settings: StoreThreadSettings }
  | { kind: "calls"; calls: (StoreCall & { id: number })[] }
  | { kind: "close" };

/** Store thread → main thread. */
export type FromStoreThread =
  | { kind: "opened" }
  | { kind: "open_failed"; error: CallError }
  /** `commitSeconds`: how long the write transaction among these calls took, if there was one. */
  | { kind: "outcomes"; outcomes: { id: number; outcome: CallOutcome }[]; commitSeconds?: number | undefined }
  | { kind: "closed" };
