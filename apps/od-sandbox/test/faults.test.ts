import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`fault injection (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    // Polls the armed faults until the one under test has `remaining` uses left, i.e. a request took it.
    const heldBy = async (remaining: number) => {
      for (;;) {
        const { faults } = (await jsonRecord(await s.control("/fail", "GET"))) as { faults: { count: number }[] };
        if ((faults[0]?.count ?? 0) === remaining) return;
        await Bun.sleep(1);
      }
    };

    test("a 503 fault hits only matching requests, count times, then the API answers normally", async () => {
      expect(
        (
          await s.control("/fail", "POST", {
            kind: "status",
            status: 503,
            method: "POST",
            path: "/procnotes",
            count: 2,
          })
        ).status,
      ).toBe(201);
      expect((await s.call("/patients/1")).status).toBe(200);
      const body = { PatNum: 2, ProcNum: 1, Note: "x" };
      expect((await s.call("/procnotes", { body })).status).toBe(503);
      expect((await s.call("/procnotes", { body })).status).toBe(503);
      expect((await s.call("/procnotes", { body })).status).toBe(201);
      expect((await s.store.select("procnote")).length).toBe(1);
    });

    test("a version fault answers 400 with an explanation", async () => {
      await s.control("/fail", "POST", { kind: "version", path: "/procnotes" });
      const res = await s.call("/procnotes?ProcNum=1");
      expect(res.status).toBe(400);
      expect(await res.json()).toContain("too old");
    });

    test("a timeout fault holds the request until 60 s of clock time pass, then 504", async () => {
      await s.control("/fail", "POST", { kind: "timeout" });
      const pending = s.call("/providers");
      await heldBy(0); // the request has taken the fault and waits on the clock
      s.clock.advance(59_999);
      s.clock.advance(1);
      expect((await pending).status).toBe(504);
    });

    test("DELETE /_sandbox/fail releases held requests and disarms the rest", async () => {
      await s.control("/fail", "POST", { kind: "timeout", count: 5 });
      const pending = s.call("/providers");
      await heldBy(4);
      await s.control("/fail", "DELETE");
      expect((await pending).status).toBe(200);
      expect((await s.call("/providers")).status).toBe(200);
    });

    test("a bad fault request is 400", async () => {
      expect((await s.control("/fail", "POST", { kind: "status", status: 200 })).status).toBe(400);
      expect((await s.control("/fail", "POST", { kind: "meteor" })).status).toBe(400);
    });
  });
}
