import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { KEYS, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`auth and headers (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    const raw = (headers: Record<string, string>, method = "GET", body?: string) =>
      fetch(`${s.api}/patients/1`, { method, headers, ...(body ? { body } : {}) });

    test("a valid ODFHIR header and JSON content type read a patient", async () => {
      const res = await s.call("/patients/1");
      expect(res.status).toBe(200);
    });

    test("a request without the Authorization header is malformed: 400 with a plain explanation [S3]", async () => {
      const res = await raw({ "Content-Type": "application/json" });
      expect(res.status).toBe(400);
      expect(await res.json()).toBe("Authorization header is missing.");
    });

    test("a missing or wrong Content-Type is 400 even when the key is unknown", async () => {
      const res = await raw({ Authorization: `ODFHIR ${KEYS.developer}/nosuchkey`, "Content-Type": "text/plain" });
      expect(res.status).toBe(400);
    });

    test.each([
      ["the Basic scheme", { Authorization: `Basic ${btoa(`${KEYS.developer}:${KEYS.all}`)}` }],
      ["the Bearer scheme", { Authorization: `Bearer ${KEYS.developer}/${KEYS.all}` }],
      ["keys without the slash", { Authorization: `ODFHIR ${KEYS.developer}${KEYS.all}` }],
      ["an unknown customer key", { Authorization: `ODFHIR ${KEYS.developer}/nosuchkey` }],
      ["an unknown developer key", { Authorization: `ODFHIR nosuchdev/${KEYS.all}` }],
      ["a disabled customer key", { Authorization: `ODFHIR ${KEYS.developer}/${KEYS.off}` }],
    ])("%s is 401 with a plain explanation", async (_, headers) => {
      const res = await raw({ ...headers, "Content-Type": "application/json" });
      expect(res.status).toBe(401);
      expect(typeof (await res.json())).toBe("string");
    });

    test("a read-only key may read but any write is 401, and nothing is written", async () => {
      expect((await s.call("/procnotes?ProcNum=1", { customer: KEYS.read })).status).toBe(200);
      const before = (await s.store.select("procnote")).length;
      const res = await s.call("/procnotes", { customer: KEYS.read, body: { PatNum: 2, ProcNum: 1, Note: "x" } });
      expect(res.status).toBe(401);
      expect(await res.json()).toContain("permission");
      const put = await s.call("/appointments/2/Confirm", { customer: KEYS.read, method: "PUT", body: { defNum: 1 } });
      expect(put.status).toBe(401);
      expect((await s.store.select("procnote")).length).toBe(before);
    });

    test.each([
      ["missing", undefined],
      ["text/plain", "text/plain"],
      ["form-encoded", "application/x-www-form-urlencoded"],
    ])("Content-Type %s is 400, on GET too", async (_, type) => {
      const headers: Record<string, string> = { Authorization: `ODFHIR ${KEYS.developer}/${KEYS.all}` };
      if (type) headers["Content-Type"] = type;
      const res = await raw(headers);
      expect(res.status).toBe(400);
      expect(await res.json()).toBe("Content-Type must be application/json.");
    });

    test("application/json with a charset is accepted", async () => {
      const res = await s.call("/patients/1", { headers: { "Content-Type": "application/json; charset=utf-8" } });
      expect(res.status).toBe(200);
    });

    test("bad JSON, a non-object body and an unknown resource are clear 4xx, never 500", async () => {
      expect(await (await s.call("/procnotes", { body: "{not json" })).json()).toBe(
        "The request body is not valid JSON.",
      );
      expect((await s.call("/procnotes", { body: "[1,2]" })).status).toBe(400);
      expect((await s.call("/procnotes", { body: "", method: "POST" })).status).toBe(400);
      const missing = await s.call("/nosuchthing");
      expect(missing.status).toBe(404);
      expect((await s.call("/patients/abc")).status).toBe(400);
    });
  });
}
