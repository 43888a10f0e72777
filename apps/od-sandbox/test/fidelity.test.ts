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
  });
}
