import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { officeNow } from "../src/clock.ts";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

const TODAY = "2025-03-14";
const UNSET = "0001-01-01 00:00:00";

for (const db of testDatabases()) {
  describe(`appointments, definitions and preferences (${db.name})`, () => {
    let s: TestSandbox;
    let defs: Record<string, number>;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
      defs = Object.fromEntries(
        (await jsonList(await s.call("/definitions?Category=2"))).map((d) => [String(d.ItemName), Number(d.DefNum)]),
      );
    });
    afterAll(() => s.stop());

    const pref = async (name: string) =>
      Number((await jsonList(await s.call(`/preferences?PrefName=${name}`)))[0]?.ValueString);

    test("definitions by Category carry the category's name; trigger preferences point at them", async () => {
      const [first] = await jsonList(await s.call("/definitions?Category=2"));
      expect(first).toEqual({
        DefNum: first?.DefNum,
        ItemName: "Not Called",
        ItemValue: "NotCalled",
        Category: 2,
        category: "ApptConfirmed",
        isHidden: "false",
      });
      expect(await pref("AppointmentTimeSeatedTrigger")).toBe(defs["In Treatment Room"] ?? -1);
      expect(await pref("AppointmentTimeArrivedTrigger")).toBe(defs.Arrived ?? -1);
      expect(await pref("AppointmentTimeDismissedTrigger")).toBe(defs["Front Desk"] ?? -1);
      const [p] = await jsonList(await s.call("/preferences?PrefName=AppointmentTimeSeatedTrigger"));
      expect(Object.keys(p ?? {})).toEqual(["PrefNum", "PrefName", "ValueString"]);
    });

    test("today's schedule: two patients seated, not dismissed, in two different operatories", async () => {
      const today = await jsonList(await s.call(`/appointments?date=${TODAY}`));
      expect(today.length).toBe(6);
      const seated = today.filter((a) => a.DateTimeSeated !== UNSET && a.DateTimeDismissed === UNSET);
      expect(seated.length).toBe(2);
      expect(new Set(seated.map((a) => a.Op)).size).toBe(2);
      expect(
        seated.every((a) => a.confirmed === "In Treatment Room" && a.Confirmed === defs["In Treatment Room"]),
      ).toBe(true);
      expect(seated[0]?.serverDateTime).toBe("2025-03-14 10:30:00");
      expect(today[0]?.AptStatus).toBe("Complete");
    });

    test("filters: Op, AptStatus, PatNum, dateStart/dateEnd, DateTStamp; bad values are 400", async () => {
      const ops = await jsonList(await s.call("/operatories"));
      const hyg = ops.find((o) => o.IsHygiene === "true");
      const inHyg = await jsonList(await s.call(`/appointments?date=${TODAY}&Op=${hyg?.OperatoryNum}`));
      expect(inHyg.length).toBe(2);
      expect(inHyg.every((a) => a.Op === hyg?.OperatoryNum)).toBe(true);
      expect((await jsonList(await s.call("/appointments?AptStatus=Complete"))).length).toBe(1);
      expect((await jsonList(await s.call("/appointments?PatNum=2"))).map((a) => a.PatNum)).toEqual([2]);
      expect((await jsonList(await s.call("/appointments?dateStart=2025-03-15&dateEnd=2025-03-20"))).length).toBe(0);
      expect((await jsonList(await s.call(`/appointments?dateStart=${TODAY}&dateEnd=${TODAY}`))).length).toBe(6);
      expect((await jsonList(await s.call("/appointments?DateTStamp=2025-03-14 10:30:01"))).length).toBe(0);
      expect((await s.call("/appointments?AptStatus=Sleeping")).status).toBe(400);
      expect((await s.call("/appointments?date=14/03/2025")).status).toBe(400);
      expect((await s.call("/appointments/999")).status).toBe(404);
    });

    // PUT Confirm answers a bare 200 [S9]; the appointment is read back to see what changed.
    const confirm = async (aptNum: number, body: unknown) => {
      const res = await s.call(`/appointments/${aptNum}/Confirm`, { method: "PUT", body });
      expect([res.status, await res.text()]).toEqual([200, ""]);
      return jsonRecord(await s.call(`/appointments/${aptNum}`));
    };

    test("PUT Confirm with the arrived then seated DefNum stamps those times from the office clock", async () => {
      s.clock.advance(5 * 60_000);
      const arrived = await confirm(4, { defNum: defs.Arrived });
      expect(arrived).toMatchObject({
        Confirmed: defs.Arrived,
        confirmed: "Arrived",
        DateTimeArrived: "2025-03-14 10:35:00",
      });
      expect(arrived.DateTimeSeated).toBe(UNSET);
      s.clock.advance(60_000);
      const seated = await confirm(4, { defNum: defs["In Treatment Room"] });
      expect(seated).toMatchObject({ DateTimeArrived: "2025-03-14 10:35:00", DateTimeSeated: "2025-03-14 10:36:00" });
      const again = await jsonRecord(await s.call("/appointments/4"));
      expect(again.DateTimeSeated).toBe("2025-03-14 10:36:00");
    });

    test("when two trigger preferences share a definition, only the first (arrived) is stamped", async () => {
      const [seatedPref] = await s.store.select("preference", {
        where: [{ column: "PrefName", op: "=", value: "AppointmentTimeSeatedTrigger" }],
      });
      if (!seatedPref) throw new Error("the demo office has no seated trigger");
      await s.store.update("preference", seatedPref.PrefNum, { ValueString: String(defs.Arrived) });
      const fresh = await s.store.insert("appointment", { PatNum: 9, AptStatus: 1, AptDateTime: `${TODAY} 15:00:00` });
      try {
        const apt = await confirm(fresh.AptNum, { defNum: defs.Arrived });
        expect(apt.DateTimeArrived).toBe(officeNow(s.clock));
        expect(apt.DateTimeSeated).toBe(UNSET);
      } finally {
        await s.store.update("preference", seatedPref.PrefNum, { ValueString: seatedPref.ValueString });
      }
    });

    test("PUT Confirm with confirmVal; neither, both or a foreign DefNum is 400", async () => {
      const res = await confirm(5, { confirmVal: "Confirmed" });
      expect(res.confirmed).toBe("Appointment Confirmed");
      expect(res.DateTimeSeated).toBe(UNSET);
      // "None" is the first ApptConfirmed definition, every new appointment's status [S9].
      expect((await confirm(5, { confirmVal: "None" })).confirmed).toBe("Not Called");
      for (const body of [{}, { confirmVal: "Confirmed", defNum: 1 }, { defNum: 99999 }, { confirmVal: "Maybe" }]) {
        const bad = await s.call("/appointments/5/Confirm", { method: "PUT", body });
        expect(bad.status).toBe(400);
      }
      expect((await s.call("/appointments/999/Confirm", { method: "PUT", body: { defNum: 1 } })).status).toBe(404);
    });

    test("POST /_sandbox/seat seats a patient through the seated trigger", async () => {
      s.clock.advance(60_000);
      const res = await s.control("/seat", "POST", { AptNum: 6 });
      expect(res.status).toBe(200);
      const apt = await jsonRecord(await s.call("/appointments/6"));
      expect(apt).toMatchObject({ confirmed: "In Treatment Room", DateTimeSeated: "2025-03-14 10:37:00" });
      expect((await s.control("/seat", "POST", { AptNum: 999 })).status).toBe(404);
      expect((await s.control("/seat", "POST", { AptNum: "six" })).status).toBe(400);
    });

    test("providers and operatories list the demo office", async () => {
      const providers = await jsonList(await s.call("/providers"));
      expect(providers.map((p) => [p.Abbr, p.IsSecondary])).toEqual([
        ["DOC1", "false"],
        ["HYG1", "true"],
      ]);
      expect(providers[0]?.ProvStatus).toBe("Active");
      expect((await jsonRecord(await s.call("/providers/2"))).Abbr).toBe("HYG1");
      expect((await jsonList(await s.call("/operatories"))).map((o) => o.Abbrev)).toEqual(["OP1", "OP2", "HYG"]);
      expect((await s.call("/operatories/99")).status).toBe(404);
    });
  });
}
