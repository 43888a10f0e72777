import { type OfficeClock, officeNow, officeToday } from "../clock.ts";
import { MIN_DATE_TIME } from "../format.ts";
import type { OdStore } from "../store/store.ts";
import { seedOfficeSetup } from "./office-setup.ts";
import { DEMO_PATIENTS } from "./patients.ts";

/** What the demo seed created, for the start-up banner and for tests. */
export interface DemoOffice {
  created: boolean;
  patients: number;
  appointmentsToday: number;
}

/**
 * `--seed demo`: a small synthetic office. Two providers (a dentist and a hygienist), three
 * operatories, twenty patients (with look-alikes: same name, different birthdate), today's
 * schedule in office-local time with one patient seated in each of two operatories. Runs once:
 * a database that already has patients is left alone.
 */
export async function seedDemoOffice(store: OdStore, clock: OfficeClock): Promise<DemoOffice> {
  const existing = await store.select("patient", { limit: 1 });
  if (existing.length > 0) return { created: false, patients: 0, appointmentsToday: 0 };
  const { defNum } = await seedOfficeSetup(store);
  const dentist = await store.insert("provider", {
    Abbr: "DOC1",
    LName: "Albright",
    FName: "Jordan",
    Suffix: "DDS",
    ItemOrder: 0,
    NationalProvID: "1234567893",
    ProvColor: argb(255, 230, 140),
  });
  const hygienist = await store.insert("provider", {
    Abbr: "HYG1",
    LName: "Baker",
    FName: "Casey",
    Suffix: "RDH",
    ItemOrder: 1,
    IsSecondary: 1,
    ProvColor: argb(164, 164, 255),
  });
  await store.insert("preference", { PrefName: "PracticeDefaultProv", ValueString: String(dentist.ProvNum) });
  const op1 = await store.insert("operatory", {
    OpName: "Op 1",
    Abbrev: "OP1",
    ItemOrder: 0,
    ProvDentist: dentist.ProvNum,
  });
  const op2 = await store.insert("operatory", {
    OpName: "Op 2",
    Abbrev: "OP2",
    ItemOrder: 1,
    ProvDentist: dentist.ProvNum,
  });
  const hyg = await store.insert("operatory", {
    OpName: "Hygiene 1",
    Abbrev: "HYG",
    ItemOrder: 2,
    ProvHygienist: hygienist.ProvNum,
    IsHygiene: 1,
  });
  // Workstations (GET /computers): three with a fresh heartbeat, one whose Open Dental is closed.
  for (const [CompName, running] of [
    ["OP1-PC", true],
    ["OP2-PC", false],
    ["HYG-PC", true],
    ["FRONT-DESK", true],
  ] as const) {
    await store.insert("computer", { CompName, LastHeartBeat: running ? officeNow(clock) : "2025-01-06 17:02:11" });
  }
  const today = officeToday(clock);
  const patNums: number[] = [];
  for (const p of DEMO_PATIENTS) {
    const row = await store.insert("patient", {
      ...p,
      PriProv: dentist.ProvNum,
      SecProv: hygienist.ProvNum,
      BillingType: defNum("Standard Account"),
      SecDateEntry: today,
      DateFirstVisit: "2019-03-04",
    });
    await store.update("patient", row.PatNum, {
      Guarantor: row.PatNum,
      ImageFolder: `${p.LName}${p.FName}${row.PatNum}`,
    });
    patNums.push(row.PatNum);
  }
  const now = officeNow(clock);
  const at = (hhmm: string) => `${today} ${hhmm}:00`;
  const pat = (i: number) => patNums[i] ?? 0;
  // [patient index, operatory, time, status]; two are in the chair now (seated, not dismissed).
  const schedule = [
    [0, op1.OperatoryNum, "08:00", "done", dentist.ProvNum, 0],
    [1, op1.OperatoryNum, now.slice(11, 16), "seated", dentist.ProvNum, 0],
    [2, hyg.OperatoryNum, now.slice(11, 16), "seated", dentist.ProvNum, hygienist.ProvNum],
    [3, op2.OperatoryNum, "15:00", "scheduled", dentist.ProvNum, 0],
    [4, hyg.OperatoryNum, "16:00", "scheduled", dentist.ProvNum, hygienist.ProvNum],
    [5, op2.OperatoryNum, "16:30", "confirmed", dentist.ProvNum, 0],
  ] as const;
  for (const [index, Op, time, state, ProvNum, ProvHyg] of schedule) {
    const apt = await store.insert("appointment", {
      PatNum: pat(index),
      Op,
      ProvNum,
      ProvHyg,
      AptDateTime: at(time),
      AptStatus: state === "done" ? 2 : 1,
      Pattern: "//XXXX//",
      IsHygiene: ProvHyg ? 1 : 0,
      SecDateTEntry: now,
      Confirmed: defNum(
        {
          done: "Front Desk",
          seated: "In Treatment Room",
          scheduled: "Unconfirmed",
          confirmed: "Appointment Confirmed",
        }[state],
      ),
      DateTimeArrived: state === "done" ? at("07:55") : state === "seated" ? now : MIN_DATE_TIME,
      DateTimeSeated: state === "done" ? at("08:02") : state === "seated" ? now : MIN_DATE_TIME,
      DateTimeDismissed: state === "done" ? at("08:50") : MIN_DATE_TIME,
      ProcDescript: ProvHyg ? "PerEx, Pro" : "PerEx",
    });
    if (state === "seated") {
      const [exam] = await store.select("procedurecode", { where: [{ column: "ProcCode", op: "=", value: "D0120" }] });
      await store.insert("procedurelog", {
        PatNum: apt.PatNum,
        AptNum: apt.AptNum,
        ProcDate: today,
        ProcStatus: 1,
        ProvNum,
        CodeNum: exam?.CodeNum ?? 0,
        UnitQty: 1,
        DateTP: today,
        SecDateEntry: now,
      });
    }
  }
  return { created: true, patients: patNums.length, appointmentsToday: schedule.length };
}

/** A colour as .NET's `Color.ToArgb()` stores it: opaque, so a negative 32-bit integer. */
function argb(r: number, g: number, b: number): number {
  return (255 << 24) | (r << 16) | (g << 8) | b;
}
