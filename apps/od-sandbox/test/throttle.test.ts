import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, KEYS, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`remote-mode throttling (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh(), { mode: "remote" });
    });
    afterAll(() => s.stop());
    // Every test starts with every key's window long past, whatever ran before it (any order).
    beforeEach(() => s.clock.advance(10_000));

    test("a key with write permission gets one request per second", async () => {
      expect((await s.call("/providers")).status).toBe(200);
      const early = await s.call("/providers");
      expect(early.status).toBe(429);
      expect(early.headers.get("retry-after")).toBe("1");
      s.clock.advance(999);
      expect((await s.call("/providers")).status).toBe(429);
      s.clock.advance(1);
      expect((await s.call("/providers")).status).toBe(200);
    });

    test("a read-only key gets one request per five seconds, counted per customer key", async () => {
      expect((await s.call("/operatories", { customer: KEYS.read })).status).toBe(200);
      // The other key is throttled separately.
      expect((await s.call("/operatories")).status).toBe(200);
      s.clock.advance(4_999);
      expect((await s.call("/operatories", { customer: KEYS.read })).status).toBe(429);
      s.clock.advance(1);
      expect((await s.call("/operatories", { customer: KEYS.read })).status).toBe(200);
    });

    test("a malformed request (wrong Content-Type) is 400 and does not use up the key's slot", async () => {
      const bad = await s.call("/providers", { headers: { "Content-Type": "text/plain" } });
      expect(bad.status).toBe(400);
      expect((await s.call("/providers")).status).toBe(200);
    });

    test("remote pages default to, and hold at most, 100 rows", async () => {
      for (let i = 0; i < 105; i++) await s.store.insert("definition", { Category: 27, ItemName: `Type ${i}` });
      expect((await jsonList(await s.call("/definitions?Category=27&Limit=500"))).length).toBe(100);
      s.clock.advance(1_000);
      expect((await jsonList(await s.call("/definitions?Category=27"))).length).toBe(100);
    });
  });

  describe(`local mode is not throttled (${db.name})`, () => {
    test("ten requests in the same instant all succeed", async () => {
      const s = await startTestSandbox(await db.fresh(), { mode: "local", seed: false });
      try {
        const statuses = await Promise.all(
          Array.from({ length: 10 }, () => s.call("/providers").then((r) => r.status)),
        );
        expect(statuses).toEqual(Array(10).fill(200));
      } finally {
        await s.stop();
      }
    });
  });
}
