import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`procedure codes and procedurelogs (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    test("the office has the clinical-note codes Zclin and N4117 and some D-codes", async () => {
      const codes = await jsonList(await s.call("/procedurecodes"));
      const names = codes.map((c) => c.ProcCode);
      for (const code of ["Zclin", "N4117", "D0120", "D1110"]) expect(names).toContain(code);
      expect(codes.find((c) => c.ProcCode === "D2740")).toMatchObject({ TreatArea: "Tooth", IsProsth: "true" });
    });

    test("POST creates a completed Zclin procedure on today's appointment: 201 with the object", async () => {
      const res = await s.call("/procedurelogs", {
        body: { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin", AptNum: 2 },
      });
      expect(res.status).toBe(201);
      const proc = await jsonRecord(res);
      expect(proc).toMatchObject({ PatNum: 2, AptNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin" });
      expect(proc).toMatchObject({ descript: "Clinical Note", ProvNum: 1, provAbbr: "DOC1", DateEntryC: "2025-03-14" });
      expect(proc).toMatchObject({
        IsLocked: "false",
        SecDateEntry: "2025-03-14 10:30:00",
        DateOriginalProsth: "0001-01-01",
      });
      expect(await jsonRecord(await s.call(`/procedurelogs/${proc.ProcNum}`))).toMatchObject({
        ProcNum: proc.ProcNum,
        ProcStatus: "C",
      });
    });

    test("POST by CodeNum; the provider defaults to the patient's primary one; DateEntryC and DateTP are today", async () => {
      const [n4117] = (await jsonList(await s.call("/procedurecodes"))).filter((c) => c.ProcCode === "N4117");
      const proc = await jsonRecord(
        await s.call("/procedurelogs", {
          body: { PatNum: 7, ProcDate: "2025-04-02", ProcStatus: "TP", CodeNum: n4117?.CodeNum },
        }),
      );
      // [S7]'s examples: DateEntryC and DateTP are the day the procedure was entered.
      expect(proc).toMatchObject({
        procCode: "N4117",
        ProcStatus: "TP",
        ProvNum: 1,
        ProcDate: "2025-04-02",
        DateEntryC: "2025-03-14",
        DateTP: "2025-03-14",
      });
    });

    test("priority and dxName name their definitions; the provider falls back to the office default", async () => {
      const urgent = await s.store.insert("definition", { Category: 20, ItemName: "Urgent" });
      const caries = await s.store.insert("definition", { Category: 16, ItemName: "Caries" });
      const orphan = await s.store.insert("patient", { LName: "Nobody", FName: "Has", PriProv: 0 });
      const proc = await jsonRecord(
        await s.call("/procedurelogs", {
          body: {
            PatNum: orphan.PatNum,
            ProcDate: "2025-03-14",
            ProcStatus: "TP",
            procCode: "D0120",
            priority: "urgent",
            dxName: "Caries",
          },
        }),
      );
      expect(proc).toMatchObject({ Priority: urgent.DefNum, priority: "Urgent", Dx: caries.DefNum, dxName: "Caries" });
      // No appointment, no primary provider: the office's PracticeDefaultProv, the demo dentist.
      expect(proc).toMatchObject({ ProvNum: 1, provAbbr: "DOC1" });
    });

    test.each([
      [
        { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin", Priority: 0, priority: "Urgent" },
        "Only one of Priority and priority may be passed.",
      ],
      [
        { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin", Dx: 0, dxName: "Caries" },
        "Only one of Dx and dxName may be passed.",
      ],
      [{ PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin", dxName: "Nope" }, "dxName is invalid."],
      [{ ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin" }, "PatNum is required."],
      [{ PatNum: 2, ProcStatus: "C", procCode: "Zclin" }, "ProcDate is required."],
      [{ PatNum: 2, ProcDate: "2025-03-14", procCode: "Zclin" }, "ProcStatus is required."],
      [
        { PatNum: 2, ProcDate: "14.03.2025", ProcStatus: "C", procCode: "Zclin" },
        "ProcDate format must be yyyy-MM-dd.",
      ],
      [
        { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "D", procCode: "Zclin" },
        "ProcStatus must be one of TP, C, EO, EC, R, Cn.",
      ],
      [{ PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C" }, "Either procCode or CodeNum is required, but not both."],
      [
        { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin", CodeNum: 1 },
        "Either procCode or CodeNum is required, but not both.",
      ],
      [{ PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "D9999" }, "procCode is invalid."],
      [{ PatNum: "2", ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin" }, "PatNum must be a number."],
      [
        { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin", AptNum: 3 },
        "AptNum does not belong to this patient.",
      ],
    ])("%j is 400: %s", async (body, message) => {
      const res = await s.call("/procedurelogs", { body });
      expect(res.status).toBe(400);
      expect(await res.json()).toBe(message);
    });

    test("an unknown patient is 404", async () => {
      const res = await s.call("/procedurelogs", {
        body: { PatNum: 999, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin" },
      });
      expect(res.status).toBe(404);
    });

    test("GET filters by PatNum, AptNum and ProcStatus", async () => {
      const ofPatient = await jsonList(await s.call("/procedurelogs?PatNum=2"));
      expect(ofPatient.every((p) => p.PatNum === 2)).toBe(true);
      expect(ofPatient.length).toBe(2);
      expect((await jsonList(await s.call("/procedurelogs?AptNum=2"))).length).toBe(2);
      expect((await jsonList(await s.call("/procedurelogs?PatNum=2&ProcStatus=C"))).map((p) => p.procCode)).toEqual([
        "Zclin",
      ]);
      expect((await s.call("/procedurelogs?ProcStatus=Done")).status).toBe(400);
      expect((await s.call("/procedurelogs/9999")).status).toBe(404);
    });
  });
}
