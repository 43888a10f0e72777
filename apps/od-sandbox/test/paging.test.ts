import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`paging with Limit and Offset (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh(), { mode: "service", seed: false });
      for (let i = 0; i < 1005; i++)
        await s.store.insert("definition", { Category: 27, ItemOrder: i, ItemName: `T${i}` });
    });
    afterAll(() => s.stop());

    test("local and service modes default to, and cap at, 1000 rows", async () => {
      expect((await jsonList(await s.call("/definitions?Category=27"))).length).toBe(1000);
      expect((await jsonList(await s.call("/definitions?Category=27&Limit=5000"))).length).toBe(1000);
    });

    test("Offset continues where the previous page stopped, until a short page", async () => {
      const names: unknown[] = [];
      for (let offset = 0; ; offset += 400) {
        const page = await jsonList(await s.call(`/definitions?Category=27&Limit=400&Offset=${offset}`));
        names.push(...page.map((d) => d.ItemName));
        if (page.length < 400) break;
      }
      expect(names.length).toBe(1005);
      expect(new Set(names).size).toBe(1005);
      expect(names[0]).toBe("T0");
      expect(names[1004]).toBe("T1004");
    });

    test.each([["Limit=0"], ["Limit=-1"], ["Limit=ten"], ["Offset=1.5"]])("%s is a 400", async (query) => {
      const res = await s.call(`/definitions?Category=27&${query}`);
      expect(res.status).toBe(400);
      expect(typeof (await res.json())).toBe("string");
    });
  });
}
