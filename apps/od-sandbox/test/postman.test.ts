import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { z } from "zod";
import { testDatabases } from "./support/databases.ts";
import { jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

const DOCS = join(import.meta.dir, "..", "..", "..", "docs");
const Collection = z.object({
  item: z.array(
    z.object({
      name: z.string(),
      event: z.array(z.object({ script: z.object({ exec: z.array(z.string()) }) })),
      request: z.object({
        method: z.string(),
        header: z.array(z.object({ key: z.string(), value: z.string() })),
        url: z.object({ raw: z.string() }),
        body: z.object({ raw: z.string() }).optional(),
      }),
    }),
  ),
  variable: z.array(z.object({ key: z.string(), value: z.string() })),
});
const Environment = z.object({ values: z.array(z.object({ key: z.string(), value: z.string() })) });

/*
 * Runs docs/opendental.postman_collection.json with the sandbox environment against a live
 * sandbox, request by request, the way Postman's runner would (newman is not a dependency):
 * {{variables}} substituted, each request's expected status read from its own
 * pm.response.to.have.status(N), and pm.collectionVariables.set(...) from JSON responses honoured.
 */
for (const db of testDatabases()) {
  describe(`the Postman collection runs against the sandbox (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    test("every request answers the status its test script expects", async () => {
      const collection = Collection.parse(await Bun.file(join(DOCS, "opendental.postman_collection.json")).json());
      const env = Environment.parse(await Bun.file(join(DOCS, "opendental.sandbox.postman_environment.json")).json());
      const vars = new Map<string, string>([...collection.variable, ...env.values].map((v) => [v.key, v.value]));
      vars.set("baseUrl", s.api);
      vars.set("today", "2025-03-14");
      const fill = (text: string) =>
        text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars.get(name) ?? `{{${name}}}`);
      expect(collection.item.length).toBeGreaterThanOrEqual(15);
      for (const item of collection.item) {
        const script = item.event.flatMap((e) => e.script.exec).join("\n");
        const expected = Number(/to\.have\.status\((\d{3})\)/.exec(script)?.[1]);
        expect(expected, item.name).toBeGreaterThan(0);
        const res = await fetch(fill(item.request.url.raw), {
          method: item.request.method,
          headers: Object.fromEntries(item.request.header.map((h) => [h.key, fill(h.value)])),
          ...(item.request.body ? { body: fill(item.request.body.raw) } : {}),
        });
        expect(`${item.name}: ${res.status}`).toBe(`${item.name}: ${expected}`);
        const sets = [
          ...script.matchAll(/collectionVariables\.set\("(\w+)", pm\.response\.json\(\)(\[0\])?\.(\w+)\)/g),
        ];
        if (sets.length > 0) {
          const body: unknown = await res.json();
          const record = await jsonRecord(new Response(JSON.stringify(Array.isArray(body) ? body[0] : body)));
          for (const [, name = "", , field = ""] of sets) vars.set(name, String(record[field]));
        }
      }
      expect(vars.get("procNum")).not.toBe("1");
    });
  });
}
