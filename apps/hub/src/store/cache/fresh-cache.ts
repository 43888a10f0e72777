import type { Clock } from "@sofia/runtime/clock";
import { makeRoom } from "../../make-room.ts";

/** How long a {@link FreshCache} reuses an entry, and how many it holds. */
export interface FreshCacheLimits {
  /** An entry is reused while it is younger than this (counted from when its read began); 0 turns reuse off. */
  ttlMs: number;
  /** At most this many entries; past it the oldest is dropped. */
  maxEntries: number;
}

interface Entry<T> {
  value: T;
  /** When the read that found it began: the value is at least this fresh. */
  readAtMs: number;
}

/**
 * A bounded, short-lived read-through cache of records found in the store. Its one promise: a value
 * is served only while the read that found it began less than `ttlMs` ago, so any change committed
 * elsewhere is seen by every lookup that starts `ttlMs` after it. Only found records are kept (a
 * miss always goes to the store), and {@link forget} drops an entry at once.
 *
 * A read that was already under way when an entry was forgotten does not refill the cache: it may
 * have read the store before the change that made someone forget (a revocation, a new setting).
 */
export class FreshCache<K, T> {
  private readonly entries = new Map<K, Entry<T>>();
  /** Moves on every `forget`: a read begun in an older generation keeps its answer to itself. */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: FreshCacheLimits,
  ) {}

  /** The entry for `key` if it is still fresh. */
  peek(key: K): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock.now() - entry.readAtMs < this.limits.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * The fresh entry for `key`, or what `read` finds in the store; that is kept when it is not
   * `null` and `keep` (default: always) accepts it.
   */
  async get(key: K, read: () => Promise<T | null>, keep?: (value: T) => boolean): Promise<T | null> {
    const cached = this.peek(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const readAtMs = this.clock.now();
    const value = await read();
    if (value !== null && generation === this.generation && (keep?.(value) ?? true)) this.set(key, value, readAtMs);
    return value;
  }

  /** Drops `key` now; reads already under way will not put it back. */
  forget(key: K): void {
    this.entries.delete(key);
    this.generation++;
  }

  /** Entries held now, fresh or not (the size bound is on this). */
  get size(): number {
    return this.entries.size;
  }

  private set(key: K, value: T, readAtMs: number): void {
    if (this.limits.ttlMs <= 0 || this.limits.maxEntries <= 0) return;
    // Re-inserting moves the key to the end of the Map's order, which is oldest first.
    this.entries.delete(key);
    makeRoom(this.entries, this.limits.maxEntries);
    this.entries.set(key, { value: deepFreeze(value), readAtMs });
  }
}

/**
 * Freezes a record and everything in it: one object is handed to every caller while it is fresh,
 * so a caller that changed it would change it for the others (a throw in strict mode instead).
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
