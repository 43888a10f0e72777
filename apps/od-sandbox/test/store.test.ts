import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { seedDemoOffice } from "../src/demo/demo-office.ts";
import { openStore } from "../src/store/open.ts";
import type { OdStore } from "../src/store/store.ts";
import { tables } from "../src/store/tables.ts";
import { testDatabases } from "./support/databases.ts";
import { OfficeFakeClock as FakeClock, OFFICE_NOON_ISH } from "./support/fake-clock.ts";

for (const db of testDatabases()) {
  describe(`store on Open Dental's schema (${db.name})`, () => {
    let store: OdStore;
    let url: string;
    const clock = new FakeClock(OFFICE_NOON_ISH);
    beforeAll(async () => {
      url = await db.fresh();
      store = await openStore(url, clock);
    });
    afterAll(() => store.close());

    test("every table and column exists under Open Dental's exact name", async () => {
      for (const [name, spec] of Object.entries(tables)) {
        expect(spec.name).toBe(name);
        const row = await store.insert(name as keyof typeof tables, {});
        expect(Object.keys(row).sort()).toEqual(Object.keys(spec.columns).sort());
      }
    });

    test("opening a database made by an older sandbox adds the columns it lacks", async () => {
      const older = await db.fresh();
      const first = await openStore(older, clock);
      await first.close();
      const { SQL } = await import("bun");
      if (older.startsWith("mysql:")) {
        const sql = new SQL(older);
        await sql.unsafe("ALTER TABLE procedurecode DROP COLUMN DiagnosticCodes");
        await sql.close();
      } else {
        const { Database } = await import("bun:sqlite");
        const sqlite = new Database(older);
        sqlite.exec("ALTER TABLE procedurecode DROP COLUMN DiagnosticCodes");
        sqlite.close();
      }
      const reopened = await openStore(older, clock);
      try {
        const code = await reopened.insert("procedurecode", { ProcCode: "Zclin", DiagnosticCodes: "K02.9" });
        expect(code.DiagnosticCodes).toBe("K02.9");
      } finally {
        await reopened.close();
      }
    });

    test("unnamed columns get Open Dental's empty values; DateTStamp comes from the office clock", async () => {
      const p = await store.insert("patient", { LName: "Empty" });
      expect(p).toMatchObject({
        Birthdate: "0001-01-01",
        DateTStamp: "2025-03-14 10:30:00",
        EstBalance: 0,
        MiddleI: "",
      });
      clock.advance(1000);
      const changed = await store.update("patient", p.PatNum, { FName: "Now" });
      expect(changed?.DateTStamp).toBe("2025-03-14 10:30:01");
      expect(await store.update("patient", 999_999, { FName: "x" })).toBeUndefined();
    });

    test("contains is partial, case-insensitive and treats % and _ literally; digits ignores punctuation", async () => {
      await store.insert("patient", { LName: "100%_Pure", HmPhone: "(503) 555-9999" });
      await store.insert("patient", { LName: "100xPure" });
      const pct = await store.select("patient", { where: [{ column: "LName", op: "contains", value: "0%_p" }] });
      expect(pct.map((p) => p.LName)).toEqual(["100%_Pure"]);
      const phone = await store.select("patient", {
        where: [{ column: "HmPhone", op: "digits", value: "5035559999" }],
      });
      expect(phone.length).toBe(1);
    });

    test("order, limit and offset; exclusive runs one at a time", async () => {
      const rows = await store.select("patient", { orderBy: [{ column: "PatNum", desc: true }], limit: 2, offset: 1 });
      expect(rows.length).toBe(2);
      expect((rows[0]?.PatNum ?? 0) > (rows[1]?.PatNum ?? 0)).toBe(true);
      const order: string[] = [];
      await Promise.all([
        store.exclusive(async () => {
          order.push("a1");
          await Bun.sleep(5);
          order.push("a2");
        }),
        store.exclusive(async () => {
          order.push("b");
        }),
      ]);
      expect(order).toEqual(["a1", "a2", "b"]);
    });

    test("the demo seed is the documented office, once", async () => {
      const fresh = await openStore(await db.fresh(), clock);
      try {
        expect((await seedDemoOffice(fresh, clock)).created).toBe(true);
        expect((await seedDemoOffice(fresh, clock)).created).toBe(false);
        const providers = await fresh.select("provider");
        expect(providers.map((p) => p.IsSecondary)).toEqual([0, 1]);
        expect((await fresh.select("operatory")).length).toBe(3);
        const patients = await fresh.select("patient");
        expect(patients.length).toBe(20);
        const smiths = patients.filter((p) => p.LName === "Smith" && p.FName === "John");
        expect(new Set(smiths.map((p) => p.Birthdate)).size).toBe(2);
        const codes = (await fresh.select("procedurecode")).map((c) => c.ProcCode);
        expect(codes).toEqual(expect.arrayContaining(["Zclin", "N4117", "D0120", "D1110"]));
        const seated = (await fresh.select("appointment")).filter(
          (a) => a.DateTimeSeated.startsWith("2025-03-14") && a.DateTimeDismissed.startsWith("0001"),
        );
        expect(new Set(seated.map((a) => a.Op)).size).toBe(2);
      } finally {
        await fresh.close();
      }
    });
  });
}
