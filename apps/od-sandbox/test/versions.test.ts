import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

const note = { PatNum: 2, ProcNum: 1, Note: "Visit note." };

for (const db of testDatabases()) {
  describe(`an office on Open Dental 24.1.5 (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh(), { version: "24.1.5.0" });
    });
    afterAll(() => s.stop());

    test("reports its version in the ProgramVersion preference", async () => {
      const [pref] = await jsonList(await s.call("/preferences?PrefName=ProgramVersion"));
      expect(pref?.ValueString).toBe("24.1.5.0");
      expect((await jsonRecord(await s.control("/health", "GET"))).version).toBe("24.1.5.0");
    });

    test("a method added later (ProcNotes GET, 24.2.29) is a 400 that names the version", async () => {
      const res = await s.call("/procnotes?ProcNum=1");
      expect(res.status).toBe(400);
      expect(await res.json()).toBe(
        "The version of Open Dental at this office (24.1.5.0) is not high enough for ProcNotes GET, which needs version 24.2.29 or later.",
      );
      expect((await s.call("/computers")).status).toBe(200); // 23.1.30: old enough
    });

    test("a newer body field (doAppendNote, isSigned, CodeNum) is refused and nothing is written", async () => {
      const before = (await s.store.select("procnote")).length;
      for (const extra of [{ doAppendNote: "true" }, { isSigned: "false" }]) {
        const res = await s.call("/procnotes", { body: { ...note, ...extra } });
        expect(res.status).toBe(400);
        expect(String(await res.json())).toContain(Object.keys(extra)[0] ?? "");
      }
      expect((await s.store.select("procnote")).length).toBe(before);
      expect((await s.call("/procnotes", { body: note })).status).toBe(201);
      const byCodeNum = await s.call("/procedurelogs", {
        body: { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", CodeNum: 1 },
      });
      expect([byCodeNum.status, String(await byCodeNum.json())]).toEqual([
        400,
        expect.stringContaining("CodeNum, which needs version 25.2.21"),
      ]);
    });

    test("a newer query parameter (Op on appointments, 23.2.27) is refused", async () => {
      expect((await s.call("/appointments?Op=1")).status).toBe(200);
      await s.control("/version", "PUT", { ProgramVersion: "23.1.2.0" });
      try {
        expect((await s.call("/appointments?Op=1")).status).toBe(400);
      } finally {
        await s.control("/version", "PUT", { ProgramVersion: "24.1.5.0" });
      }
    });

    test("before 23.3.7, Commlogs POST answers 201 without the commlog", async () => {
      await s.control("/version", "PUT", { ProgramVersion: "23.3.6" });
      try {
        const res = await s.call("/commlogs", { body: { PatNum: 1, Note: "x" } });
        expect([res.status, await res.text()]).toEqual([201, ""]);
      } finally {
        await s.control("/version", "PUT", { ProgramVersion: "24.1.5.0" });
      }
      expect((await s.control("/version", "PUT", { ProgramVersion: "new" })).status).toBe(400);
    });
  });

  describe(`an old office that ignores what it does not know (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh(), { version: "23.1.2.0", gatedParts: "ignore" });
    });
    afterAll(() => s.stop());

    test("doAppendNote is silently not honoured: the note replaces instead of appending", async () => {
      await s.call("/procnotes", { body: { ...note, Note: "First." } });
      const second = await jsonRecord(
        await s.call("/procnotes", { body: { ...note, Note: "Second.", doAppendNote: "true" } }),
      );
      expect(second.Note).toBe("Second.");
    });

    test("a filter it does not know is silently not applied: Op returns every operatory", async () => {
      const ops = new Set((await jsonList(await s.call("/appointments?Op=1"))).map((a) => a.Op));
      expect(ops.size).toBeGreaterThan(1);
    });

    test("methods it does not have are still a 400", async () => {
      expect((await s.call("/procnotes?ProcNum=1")).status).toBe(400);
    });
  });
}
