import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

/*
 * Differences between the sandbox and responses recorded from Open Dental's real API (its public
 * test office) and its documented examples. Each test pins what the real API sends.
 */
for (const db of testDatabases()) {
  describe(`fidelity to Open Dental's recorded responses (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    test("a patient's BillingType is its BillingTypes definition's name, in every patient response", async () => {
      const [standard] = await s.store.select("definition", { where: [{ column: "Category", op: "=", value: 4 }] });
      expect(standard?.ItemName).toBe("Standard Account");
      expect((await jsonRecord(await s.call("/patients/1"))).BillingType).toBe("Standard Account");
      expect((await jsonList(await s.call("/patients?LName=Nguyen")))[0]?.BillingType).toBe("Standard Account");
      expect((await jsonList(await s.call("/patients/Simple?LName=Nguyen")))[0]?.BillingType).toBe("Standard Account");
    });

    test('a provider\'s provColor is "R,G,B" text', async () => {
      expect((await jsonRecord(await s.call("/providers/1"))).provColor).toBe("255,230,140");
      const listed = await jsonList(await s.call("/providers"));
      for (const p of listed) expect(String(p.provColor)).toMatch(/^\d{1,3},\d{1,3},\d{1,3}$/);
    });

    test('a procedure\'s ProcFee is a string with two decimals ("60.00"); Discount stays a number', async () => {
      const created = await jsonRecord(
        await s.call("/procedurelogs", {
          body: { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "D1110", ProcFee: 60, Discount: 5.5 },
        }),
      );
      expect(created.ProcFee).toBe("60.00");
      const read = await jsonRecord(await s.call(`/procedurelogs/${created.ProcNum}`));
      expect([read.ProcFee, read.Discount]).toEqual(["60.00", 5.5]);
      for (const p of await jsonList(await s.call("/procedurelogs?PatNum=2"))) {
        expect(String(p.ProcFee)).toMatch(/^\d+\.\d{2}$/);
      }
    });

    test("GET /patients refuses a DateTStamp filter with 400 (Patients GET Simple takes it)", async () => {
      const res = await s.call("/patients?DateTStamp=2025-03-14%2000:00:00");
      expect(res.status).toBe(400);
      expect(String(await res.json())).toContain("DateTStamp");
      expect((await s.call("/patients/Simple?DateTStamp=2025-03-14%2000:00:00")).status).toBe(200);
    });

    test('documented: PlaceService is its name ("Office"), CommType the DefNum as text ("239")', async () => {
      const proc = await jsonRecord(await s.call("/procedurelogs/1"));
      expect(proc.PlaceService).toBe("Office");
      const log = await jsonRecord(await s.call("/commlogs", { body: { PatNum: 1, Note: "x" } }));
      expect(typeof log.CommType).toBe("string");
      expect(log.CommType).toMatch(/^\d+$/);
    });

    test("documented: ProcedureLogs POST takes ProcFee as text and answers as its example does", async () => {
      const res = await s.call("/procedurelogs", {
        body: {
          PatNum: 2,
          ProcDate: "2025-03-14",
          ProcStatus: "TP",
          procCode: "D2391",
          ProcFee: "125.95",
          ToothNum: "4",
        },
      });
      expect(res.status).toBe(201);
      const created = await jsonRecord(res);
      expect(created).toMatchObject({ ProcFee: "125.95", ClinicNum: "0", DateTStamp: "", serverDateTime: "" });
      const read = await jsonRecord(await s.call(`/procedurelogs/${created.ProcNum}`));
      expect(read).toMatchObject({
        ClinicNum: 0,
        DateTStamp: "2025-03-14 10:30:00",
        serverDateTime: "2025-03-14 10:30:00",
      });
    });

    test("documented: Priority and Dx default to the first definition of their category", async () => {
      const low = await s.store.insert("definition", { Category: 20, ItemName: "Low", ItemOrder: 0 });
      await s.store.insert("definition", { Category: 20, ItemName: "High", ItemOrder: 1 });
      const created = await jsonRecord(
        await s.call("/procedurelogs", {
          body: { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "TP", procCode: "D0120" },
        }),
      );
      expect(created).toMatchObject({ Priority: low.DefNum, priority: "Low", Dx: 0, dxName: "" });
    });

    test("documented: procedure codes carry every field of the ProcedureCodes GET example, in order", async () => {
      const [code] = (await jsonList(await s.call("/procedurecodes"))).filter((c) => c.ProcCode === "D0120");
      expect(Object.keys(code ?? {})).toEqual([
        "CodeNum",
        "ProcCode",
        "Descript",
        "AbbrDesc",
        "ProcTime",
        "ProcCat",
        "procCat",
        "TreatArea",
        "NoBillIns",
        "IsProsth",
        "DefaultNote",
        "IsHygiene",
        "AlternateCode1",
        "MedicalCode",
        "IsTaxed",
        "PaintType",
        "LaymanTerm",
        "IsCanadianLab",
        "BaseUnits",
        "SubstitutionCode",
        "SubstOnlyIf",
        "DateTStamp",
        "DrugNDC",
        "RevenueCodeDefault",
        "ProvNumDefault",
        "CanadaTimeUnits",
        "IsRadiology",
        "DefaultClaimNote",
        "DefaultTPNote",
        "PaintText",
        "AreaAlsoToothRange",
        "DiagnosticCodes",
      ]);
      expect(code).toMatchObject({ TreatArea: "Mouth", PaintType: "None", SubstOnlyIf: "Always", IsTaxed: "false" });
    });

    test("documented: Documents GET (multiple) has its own shape, PatNum and ProvNum as text", async () => {
      await s.call("/documents/Upload", { body: { PatNum: 3, rawBase64: "QUJD", extension: ".pdf" } });
      const [doc] = await jsonList(await s.call("/documents?PatNum=3"));
      expect(doc).toMatchObject({ MountNum: 0, filePath: "", PatNum: "3", ProvNum: "0", PrintHeading: "false" });
      expect(doc).toMatchObject({ Note: "_rawBase64_:.pdf_QUJD", serverDateTime: "2025-03-14 10:30:00" });
      expect(await (await s.call("/documents")).json()).toBe("PatNum is required");
      expect((await s.call("/documents?PatNum=9999")).status).toBe(404);
    });

    test("documented: Computers GET lists workstations with their last heartbeat", async () => {
      const computers = await jsonList(await s.call("/computers"));
      expect(computers.map((c) => c.CompName)).toEqual(["OP1-PC", "OP2-PC", "HYG-PC", "FRONT-DESK"]);
      expect(computers[0]).toEqual({ ComputerNum: 1, CompName: "OP1-PC", LastHeartBeat: "2025-03-14 10:30:00" });
      expect(computers[1]?.LastHeartBeat).toBe("2025-01-06 17:02:11");
    });

    test("documented: Providers GET by ClinicNum leaves out hidden providers and serverDateTime", async () => {
      await s.store.insert("provider", { Abbr: "OLD", IsHidden: 1 });
      expect((await jsonList(await s.call("/providers"))).map((p) => p.Abbr)).toContain("OLD");
      const byClinic = await jsonList(await s.call("/providers?ClinicNum=0"));
      expect(byClinic.map((p) => p.Abbr)).toEqual(["DOC1", "HYG1"]);
      expect(byClinic[0]?.serverDateTime).toBe("");
    });
  });
}
