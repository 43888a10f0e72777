import { ACCESS } from "../../src/store/sqlite/access.ts";
import { type HubStore, StoreError } from "../../src/store/store.ts";

/** The code injected failures carry, as SQLite's own I/O errors do. */
export const INJECTED_CODE = "SQLITE_IOERR";

/**
 * A store that fails on demand: `failNext("mailbox.ack", 2)` makes the next two calls of that
 * method reject with a `StoreError` (code {@link INJECTED_CODE}), as a full disk or a lock held
 * too long would. Every other call goes through to the real store. It counts calls per method.
 */
export class FaultyStore {
  readonly store: HubStore;
  readonly calls = new Map<string, number>();
  readonly injected = new Map<string, number>();
  private failing: { method: string; remaining: number } | null = null;

  constructor(inner: HubStore) {
    const parts: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
    const source: Record<string, Record<string, unknown>> = inner as unknown as Record<string, Record<string, unknown>>;
    for (const [part, methods] of Object.entries(ACCESS)) {
      const facade: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
      parts[part] = facade;
      for (const method of Object.keys(methods)) {
        const name = `${part}.${method}`;
        const real = source[part]?.[method];
        if (typeof real !== "function") throw new Error(`store has no ${name}`);
        facade[method] = async (...args) => {
          this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
          if (this.failing?.method === name && this.failing.remaining > 0) {
            this.failing.remaining--;
            this.injected.set(name, (this.injected.get(name) ?? 0) + 1);
            throw new StoreError(INJECTED_CODE, `injected failure of ${name}`);
          }
          return real.apply(source[part], args);
        };
      }
    }
    this.store = { ...(parts as unknown as Omit<HubStore, "close">), close: () => inner.close() };
  }

  /** Makes the next `times` calls of `method` (`part.method`) fail. */
  failNext(method: string, times: number): void {
    this.failing = { method, remaining: times };
  }

  heal(): void {
    this.failing = null;
  }
}

/** Every store method, as `part.method`. */
export const STORE_METHODS: readonly string[] = Object.entries(ACCESS).flatMap(([part, methods]) =>
  Object.keys(methods).map((method) => `${part}.${method}`),
);
