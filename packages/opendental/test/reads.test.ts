import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { OpenDentalClient } from "../src/index.ts";
import { testDatabases } from "./support/databases.ts";
import { startOffice, type TestOffice } from "./support/office.ts";

for (const db of testDatabases()) {
  describe(`reading an office over HTTP (${db.name})`, () => {
    let office: TestOffice;
    let od: OpenDentalClient;
    beforeAll(async () => {
      office = await startOffice(await db.fresh());
      od = office.client();
    });
    afterAll(() => office.stop());

    test("a patient, in the types the client promises: dates, booleans and names parsed, not cast", async () => {
      const p = await od.patients.get(4);
      expect(p).toMatchObject({ PatNum: 4, LName: "Smith", FName: "John", Birthdate: "1962-04-18", Gender: "Male" });
      expect(p).toMatchObject({ ClinicNum: 0, priProvAbbr: "DOC1", BillingType: "Standard Account", PriProv: 1 });
      expect(typeof p.DateTStamp).toBe("string");
      // The fields the writer does not need are not kept.
      expect(p).not.toHaveProperty("SSN");
      expect(p).not.toHaveProperty("HmPhone");
      const walker = (await od.patients.search({ LName: "Walker" }))[0];
      expect(walker?.Birthdate).toBeNull();
    });

    test("search runs Open Dental's Patient Select: look-alikes both come back, told apart by birthdate", async () => {
      const smiths = await od.patients.search({ LName: "smith", FName: "jo" });
      expect(smiths.map((p) => p.Birthdate)).toEqual(["1962-04-18", "1995-09-02"]);
      const one = await od.patients.search({ LName: "Lopez", FName: "Sofia", Birthdate: "1983-10-21" });
      expect(one.map((p) => p.PatNum)).toHaveLength(1);
      const simple = await od.patients.simple({ LName: "kowal" });
      expect(simple.map((p) => p.Birthdate).sort()).toEqual(["1988-01-23", "2010-06-14"]);
      expect(simple[0]?.serverDateTime).toBe("2025-03-14 10:30:00");
    });

    test("an unknown patient is not_found (give up), a bad argument is refused before sending", async () => {
      const before = office.sent.length;
      await expect(od.patients.get(0)).rejects.toMatchObject({ code: "bad_request", action: "give_up" });
      expect(office.sent.length).toBe(before);
      await expect(od.patients.get(99_999)).rejects.toMatchObject({
        code: "not_found",
        action: "give_up",
        status: 404,
        explanation: "Patient not found.",
        request: "GET /patients/{id}",
      });
    });

    test("the office's setup: providers, operatories, workstations, codes, the server's clock", async () => {
      const providers = await od.setup.providers();
      expect(providers.map((p) => [p.Abbr, p.IsSecondary, p.provColor])).toEqual([
        ["DOC1", false, "255,230,140"],
        ["HYG1", true, "164,164,255"],
      ]);
      const ops = await od.setup.operatories();
      expect(ops.map((o) => [o.Abbrev, o.ProvDentist, o.ProvHygienist, o.IsHygiene])).toEqual([
        ["OP1", 1, 0, false],
        ["OP2", 1, 0, false],
        ["HYG", 0, 2, true],
      ]);
      const computers = await od.setup.computers();
      expect(computers.map((c) => [c.CompName, c.LastHeartBeat])).toContainEqual(["OP2-PC", "2025-01-06 17:02:11"]);
      expect((await od.setup.procedureCode("Zclin"))?.Descript).toBe("Clinical Note");
      expect(await od.setup.procedureCode("D9999")).toBeNull();
      expect(await od.setup.serverTime()).toBe("2025-03-14 10:30:00");
      expect(office.sent.at(-1)?.query.get("Limit")).toBe("1");
    });

    test("the confirmation statuses and which one means seated", async () => {
      const setup = await od.setup.confirmationSetup();
      const name = (defNum: number) => setup.statuses.find((d) => d.DefNum === defNum)?.ItemName;
      expect([name(setup.arrived), name(setup.seated), name(setup.dismissed)]).toEqual([
        "Arrived",
        "In Treatment Room",
        "Front Desk",
      ]);
      expect(await od.setup.preference("NoSuchPreference")).toBeNull();
    });

    test("today's appointments in one operatory, with the seated one recognisable", async () => {
      const { seated } = await od.setup.confirmationSetup();
      const today = await od.appointments.list({ date: "2025-03-14", Op: 1 });
      expect(today.every((a) => a.Op === 1 && a.AptDateTime?.startsWith("2025-03-14"))).toBe(true);
      const inChair = today.filter((a) => a.Confirmed === seated && a.DateTimeSeated && !a.DateTimeDismissed);
      expect(inChair.map((a) => a.PatNum)).toEqual([2]);
      expect(inChair[0]?.serverDateTime).toBe("2025-03-14 10:30:00");
    });

    test("procedures of an appointment, ProcFee as a number from Open Dental's text", async () => {
      const [exam] = await od.procedures.list({ AptNum: 2 });
      expect(exam).toMatchObject({ procCode: "D0120", ProcStatus: "TP", ProcFee: 0, IsLocked: false, PatNum: 2 });
    });

    test("every page of a long list: Limit is the endpoint's maximum, then Offset until a short page", async () => {
      for (let i = 0; i < 1234; i++) await office.store.insert("definition", { Category: 27, ItemName: `Type ${i}` });
      const before = office.sent.length;
      const types = await od.setup.definitions(27);
      expect(types.length).toBe(1234 + 5);
      const pages = office.sent.slice(before).map((r) => [r.query.get("Limit"), r.query.get("Offset")]);
      expect(pages).toEqual([
        ["1000", null],
        ["1000", "1000"],
      ]);
    });
  });
}
