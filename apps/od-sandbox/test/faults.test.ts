import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonRecord, KEYS, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`fault injection (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    // Polls the armed faults until the one under test has `remaining` uses left, i.e. a request
    // took it; -1 waits for the list to be empty (its last use taken).
    const heldBy = async (remaining: number) => {
      for (;;) {
        const { faults } = (await jsonRecord(await s.control("/fail", "GET"))) as { faults: { count: number }[] };
        if (remaining < 0 ? faults.length === 0 : (faults[0]?.count ?? 0) === remaining) return;
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
      expect(await res.json()).toContain("not high enough");
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

    test("a timeout after the write: the note is committed, the answer is a 504 after 60 s", async () => {
      const before = (await s.store.select("procnote")).length;
      await s.control("/fail", "POST", { kind: "timeout", afterWrite: true, method: "POST", path: "/procnotes" });
      const pending = s.call("/procnotes", { body: { PatNum: 2, ProcNum: 1, Note: "lost answer" } });
      await heldBy(-1); // taken: the list is empty once the last use is consumed
      // The write went through although nobody has been answered yet; the answer is held on the clock.
      while ((await s.store.select("procnote")).length === before || s.clock.pending === 0) await Bun.sleep(1);
      s.clock.advance(60_000);
      expect((await pending).status).toBe(504);
    });

    test("a reset breaks the answer off; after the write, the write is committed", async () => {
      // The connection drops: fetch fails, or the body read does, depending on timing.
      const broken = async (pending: Promise<Response>) => {
        try {
          await (await pending).text();
          return false;
        } catch {
          return true;
        }
      };
      const before = (await s.store.select("procnote")).length;
      await s.control("/fail", "POST", { kind: "reset", afterWrite: true, path: "/procnotes" });
      expect(await broken(s.call("/procnotes", { body: { PatNum: 2, ProcNum: 1, Note: "reset" } }))).toBe(true);
      expect((await s.store.select("procnote")).length).toBe(before + 1);
      await s.control("/fail", "POST", { kind: "reset", path: "/procnotes" });
      expect(await broken(s.call("/procnotes", { body: { PatNum: 2, ProcNum: 1, Note: "no" } }))).toBe(true);
      expect((await s.store.select("procnote")).length).toBe(before + 1);
    });

    test("an eConnector fault is the Remote API's 400 and writes nothing", async () => {
      await s.control("/fail", "POST", { kind: "econnector" });
      const res = await s.call("/procnotes", { body: { PatNum: 2, ProcNum: 1, Note: "x" } });
      expect(res.status).toBe(400);
      expect(String(await res.json())).toContain("eConnector");
    });

    test("a 500 after the write: committed, answered 500", async () => {
      const before = (await s.store.select("procedurelog")).length;
      await s.control("/fail", "POST", { kind: "status", status: 500, afterWrite: true, path: "/procedurelogs" });
      const res = await s.call("/procedurelogs", {
        body: { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin" },
      });
      expect(res.status).toBe(500);
      expect((await s.store.select("procedurelog")).length).toBe(before + 1);
    });

    test("PUT /_sandbox/keys/{customer} disables a key (401) and enables it again", async () => {
      expect((await s.control(`/keys/${KEYS.all}`, "PUT", { enabled: false })).status).toBe(200);
      const res = await s.call("/providers");
      expect([res.status, await res.json()]).toEqual([401, "This customer key is not enabled."]);
      await s.control(`/keys/${KEYS.all}`, "PUT", { enabled: true });
      expect((await s.call("/providers")).status).toBe(200);
      expect((await s.control("/keys/nobody", "PUT", { enabled: true })).status).toBe(404);
    });

    test("a bad fault request is 400", async () => {
      expect((await s.control("/fail", "POST", { kind: "status", status: 200 })).status).toBe(400);
      expect((await s.control("/fail", "POST", { kind: "meteor" })).status).toBe(400);
    });
  });
}
