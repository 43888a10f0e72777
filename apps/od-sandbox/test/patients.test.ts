import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`patients (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    test("GET /patients/{PatNum} returns the full patient in Open Dental's formats", async () => {
      const p = await jsonRecord(await s.call("/patients/4"));
      expect(p).toMatchObject({ PatNum: 4, LName: "Smith", FName: "John", Birthdate: "1962-04-18", Gender: "Male" });
      expect(p).toMatchObject({ PatStatus: "Patient", Position: "Single", Premed: "false", priProvAbbr: "DOC1" });
      expect(p.secProvAbbr).toBe("HYG1");
      expect(p.DateTStamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const keys = Object.keys(p);
      expect(keys.slice(0, 5)).toEqual(["PatNum", "LName", "FName", "MiddleI", "Preferred"]);
      expect(keys).toContain("TxtMsgOk");
    });

    test("a patient without a birthdate has 0001-01-01; a premedicated one has Premed true", async () => {
      const [walker] = await jsonList(await s.call("/patients?LName=walker"));
      expect(walker?.Birthdate).toBe("0001-01-01");
      const dubois = await jsonList(await s.call("/patients?LName=Dubois"));
      expect((await jsonRecord(await s.call(`/patients/${dubois[0]?.PatNum}`))).Premed).toBe("true");
    });

    test("an unknown patient is 404 Patient not found", async () => {
      const res = await s.call("/patients/9999");
      expect(res.status).toBe(404);
      expect(await res.json()).toBe("Patient not found.");
    });

    test("search is partial and case-insensitive, and returns the reduced field set", async () => {
      const found = await jsonList(await s.call("/patients?LName=SMI&FName=jo"));
      expect(found.map((p) => p.Birthdate)).toEqual(["1962-04-18", "1995-09-02"]);
      expect(found[0]).not.toHaveProperty("Gender");
      expect(found[0]).toHaveProperty("priProvAbbr", "DOC1");
      // As Open Dental's Patient Select (Patients.GetPtDataTable): LName anywhere, FName at the start.
      expect((await jsonList(await s.call("/patients?LName=MIT&FName=JO"))).length).toBe(2);
      expect(await jsonList(await s.call("/patients?LName=Smith&FName=OHN"))).toEqual([]);
    });

    test("exact matches come first; FName finds the preferred name only when the office says so", async () => {
      await s.store.insert("patient", { LName: "Smithson", FName: "Jo", Preferred: "Joey" });
      const found = await jsonList(await s.call("/patients?LName=smithson&FName=jo"));
      expect(found.map((p) => p.LName)).toEqual(["Smithson"]);
      const mixed = await jsonList(await s.call("/patients?LName=smith&FName=jo"));
      expect(mixed.map((p) => `${p.LName} ${p.FName}`)).toEqual(["Smith John", "Smith John", "Smithson Jo"]);
      const exactFirst = await jsonList(await s.call("/patients?LName=smithson&FName=JO"));
      expect(exactFirst[0]?.FName).toBe("Jo");
      expect(await jsonList(await s.call("/patients?LName=Haddad&FName=Om"))).toHaveLength(1);
      expect(await jsonList(await s.call("/patients?FName=Joey"))).toEqual([]);
      await s.store.insert("preference", { PrefName: "PatientSelectUseFNameForPreferred", ValueString: "1" });
      expect((await jsonList(await s.call("/patients?FName=Joey"))).map((p) => p.LName)).toEqual(["Smithson"]);
    });

    test("Address treats punctuation as a wildcard; City matches from the start; guarOnly keeps heads of family", async () => {
      expect((await jsonList(await s.call("/patients?Address=101%20Alder"))).map((p) => p.LName)).toEqual(["Nguyen"]);
      expect((await jsonList(await s.call("/patients?Address=101.Alder-St"))).map((p) => p.LName)).toEqual(["Nguyen"]);
      expect((await jsonList(await s.call("/patients?City=Port&LName=Nguyen"))).length).toBe(1);
      expect(await jsonList(await s.call("/patients?City=land&LName=Nguyen"))).toEqual([]);
      const child = await s.store.insert("patient", { LName: "Nguyen", FName: "Bao", Guarantor: 1 });
      const family = await jsonList(await s.call("/patients?LName=Nguyen&guarOnly=true"));
      expect(family.map((p) => p.PatNum)).not.toContain(child.PatNum);
    });

    test("a Deleted patient is not found and never listed", async () => {
      const gone = await s.store.insert("patient", { LName: "Erased", FName: "Ed", PatStatus: 4 });
      expect((await s.call(`/patients/${gone.PatNum}`)).status).toBe(404);
      expect(await jsonList(await s.call("/patients?LName=Erased&showArchived=true"))).toEqual([]);
      expect(await jsonList(await s.call("/patients/Simple?LName=Erased"))).toEqual([]);
    });

    test("look-alikes are told apart by Birthdate", async () => {
      const found = await jsonList(await s.call("/patients?LName=Lopez&FName=Sofia&Birthdate=1983-10-21"));
      expect(found.length).toBe(1);
      expect(found[0]?.Birthdate).toBe("1983-10-21");
    });

    test("Phone matches any phone column by its digits", async () => {
      const found = await jsonList(await s.call("/patients?Phone=971-555-0203"));
      expect(found.map((p) => p.LName)).toEqual(["Okafor"]);
    });

    test("hideInactive=true hides the inactive patient; a bad date is 400", async () => {
      expect((await jsonList(await s.call("/patients?LName=Walker"))).length).toBe(1);
      expect((await jsonList(await s.call("/patients?LName=Walker&hideInactive=true"))).length).toBe(0);
      const bad = await s.call("/patients?Birthdate=1983-13-01");
      expect(bad.status).toBe(400);
      expect(await bad.json()).toBe("Birthdate format must be yyyy-MM-dd.");
    });

    test("Simple returns full records with serverDateTime, filtered by PatStatus, Gender and DateTStamp", async () => {
      const inactive = await jsonList(await s.call("/patients/Simple?PatStatus=Inactive"));
      expect(inactive.map((p) => p.LName)).toEqual(["Walker"]);
      expect(inactive[0]?.serverDateTime).toBe("2025-03-14 10:30:00");
      expect(inactive[0]).toHaveProperty("Gender", "Unknown");
      const women = await jsonList(await s.call("/patients/Simple?Gender=Female&LName=kowal"));
      expect(women.length).toBe(2);
      expect((await jsonList(await s.call("/patients/Simple?DateTStamp=2025-03-14 10:30:01"))).length).toBe(0);
      expect((await s.call("/patients/Simple?PatStatus=Sleeping")).status).toBe(400);
      expect((await s.call("/patients/Simple?DateTStamp=2025-03-14")).status).toBe(400);
    });
  });
}
