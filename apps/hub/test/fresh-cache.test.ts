import { describe, expect, test } from "bun:test";
import { FakeClock } from "@sofia/testing";
import { FreshCache } from "../src/store/cache/fresh-cache.ts";

/** A read that counts how often the store was asked, answering from `rows`. */
function reader(rows: Map<string, { id: string; name: string }>) {
  const asked: string[] = [];
  return {
    asked,
    read: (id: string) => async () => {
      asked.push(id);
      const row = rows.get(id);
      return row ? { ...row } : null;
    },
  };
}

describe("a fresh cache", () => {
  test("serves an entry only while the read that found it began less than the bound ago", async () => {
    const clock = new FakeClock();
    const cache = new FreshCache<string, { id: string; name: string }>(clock, { ttlMs: 1000, maxEntries: 10 });
    const rows = new Map([["a", { id: "a", name: "first" }]]);
    const store = reader(rows);
    expect(await cache.get("a", store.read("a"))).toEqual({ id: "a", name: "first" });
    rows.set("a", { id: "a", name: "changed elsewhere" });
    clock.advance(999);
    expect((await cache.get("a", store.read("a")))?.name).toBe("first");
    clock.advance(1);
    expect((await cache.get("a", store.read("a")))?.name).toBe("changed elsewhere");
    expect(store.asked).toEqual(["a", "a"]);
  });

  test("never keeps a miss: a record created after it is found by the next lookup", async () => {
    const cache = new FreshCache<string, { id: string; name: string }>(new FakeClock(), {
      ttlMs: 1000,
      maxEntries: 10,
    });
    const rows = new Map<string, { id: string; name: string }>();
    const store = reader(rows);
    expect(await cache.get("new", store.read("new"))).toBeNull();
    rows.set("new", { id: "new", name: "created" });
    expect((await cache.get("new", store.read("new")))?.name).toBe("created");
  });

  test("keeps only what `keep` accepts", async () => {
    const cache = new FreshCache<string, { id: string; name: string }>(new FakeClock(), {
      ttlMs: 1000,
      maxEntries: 10,
    });
    const store = reader(new Map([["a", { id: "a", name: "x" }]]));
    await cache.get("a", store.read("a"), () => false);
    await cache.get("a", store.read("a"), () => false);
    expect(store.asked).toEqual(["a", "a"]);
    expect(cache.size).toBe(0);
  });

  test("a read under way when its key is forgotten does not put the old answer back", async () => {
    const cache = new FreshCache<string, { id: string; name: string }>(new FakeClock(), {
      ttlMs: 1000,
      maxEntries: 10,
    });
    let answer: (row: { id: string; name: string }) => void = () => {};
    const slow = cache.get("a", () => new Promise((resolve) => (answer = resolve)));
    // The change (a revocation, a new setting) lands while the read is in flight.
    cache.forget("a");
    answer({ id: "a", name: "read before the change" });
    expect((await slow)?.name).toBe("read before the change");
    expect(cache.peek("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test("holds at most maxEntries, dropping the oldest", async () => {
    const cache = new FreshCache<string, { id: string; name: string }>(new FakeClock(), {
      ttlMs: 1000,
      maxEntries: 3,
    });
    const rows = new Map(Array.from({ length: 50 }, (_, i) => [`k${i}`, { id: `k${i}`, name: `n${i}` }] as const));
    const store = reader(rows);
    for (const key of rows.keys()) await cache.get(key, store.read(key));
    expect(cache.size).toBe(3);
    expect(cache.peek("k49")?.id).toBe("k49");
    expect(cache.peek("k46")).toBeUndefined();
  });

  test("hands out frozen records, so no caller can change one for the others", async () => {
    const cache = new FreshCache<string, { id: string; tags: string[] }>(new FakeClock(), {
      ttlMs: 1000,
      maxEntries: 3,
    });
    const record = await cache.get("a", async () => ({ id: "a", tags: ["x"] }));
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record?.tags)).toBe(true);
  });

  test("with a bound of 0 it keeps nothing", async () => {
    const cache = new FreshCache<string, { id: string; name: string }>(new FakeClock(), { ttlMs: 0, maxEntries: 3 });
    const store = reader(new Map([["a", { id: "a", name: "x" }]]));
    await cache.get("a", store.read("a"));
    await cache.get("a", store.read("a"));
    expect(store.asked).toEqual(["a", "a"]);
  });
});
