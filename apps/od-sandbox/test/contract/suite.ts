import { expect, test } from "bun:test";
import { jsonList, jsonRecord } from "../support/sandbox.ts";

/** Where the contract suite runs: the sandbox, or a real Open Dental. */
export interface ContractTarget {
  api: string;
  developerKey: string;
  customerKey: string;
  allowWrites: boolean;
  /** Spacing between requests (a real remote key is throttled to 1 per 1–5 s). */
  spacingMs: number;
  today: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const BOOL = /^(true|false)$/;

/**
 * Checks that hold for any Open Dental office (documented formats and semantics, no demo data),
 * so the same body measures the sandbox and the real thing. Read-only unless `allowWrites`.
 */
export function contractSuite(target: () => ContractTarget): void {
  let last = 0;
  const get = async (path: string, init: RequestInit = {}, customerKey?: string) => {
    const t = target();
    const wait = last + t.spacingMs - Date.now();
    if (wait > 0) await Bun.sleep(wait);
    last = Date.now();
    return fetch(`${t.api}${path}`, {
      ...init,
      headers: {
        Authorization: `ODFHIR ${t.developerKey}/${customerKey ?? t.customerKey}`,
        "Content-Type": "application/json",
      },
    });
  };
  const list = async (path: string): Promise<Record<string, unknown>[]> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return jsonList(res);
  };

  test("an unknown customer key is 401", async () => {
    expect((await get("/patients?Limit=1", {}, "notARealKey0000")).status).toBe(401);
  }, 30_000);

  test("patients: keys are numbers, dates yyyy-MM-dd, enums text", async () => {
    const patients = await list("/patients?Limit=5");
    for (const p of patients) {
      expect(typeof p.PatNum).toBe("number");
      expect(String(p.Birthdate)).toMatch(DATE);
      expect(typeof p.PatStatus).toBe("string");
    }
  }, 30_000);

  test("recorded: BillingType is a name, provColor is R,G,B, ProcFee is text; Patients GET refuses DateTStamp", async () => {
    for (const p of await list("/patients?Limit=5")) expect(typeof p.BillingType).toBe("string");
    for (const p of await list("/providers?Limit=5")) expect(String(p.provColor)).toMatch(/^\d{1,3},\d{1,3},\d{1,3}$/);
    for (const p of await list("/procedurelogs?Limit=5")) expect(String(p.ProcFee)).toMatch(/^-?\d+\.\d{2}$/);
    expect((await get("/patients?DateTStamp=2020-01-01%2000:00:00")).status).toBe(400);
  }, 60_000);

  test("the office reports its version in the ProgramVersion preference", async () => {
    const [pref] = await list("/preferences?PrefName=ProgramVersion");
    expect(String(pref?.ValueString)).toMatch(/^\d+\.\d+\.\d+(\.\d+)?$/);
  }, 30_000);

  test("appointment confirmation definitions and the seated trigger preference", async () => {
    const defs = await list("/definitions?Category=2");
    for (const d of defs)
      expect(d).toMatchObject({ Category: 2, category: "ApptConfirmed", isHidden: expect.stringMatching(BOOL) });
    const prefs = await list("/preferences?PrefName=AppointmentTimeSeatedTrigger");
    expect(prefs.length).toBe(1);
    expect(Object.keys(prefs[0] ?? {})).toEqual(expect.arrayContaining(["PrefNum", "PrefName", "ValueString"]));
  }, 30_000);

  test("appointments carry date-times, 0001-01-01 00:00:00 when unset, and text statuses", async () => {
    for (const a of await list("/appointments?Limit=5")) {
      for (const f of ["AptDateTime", "DateTimeArrived", "DateTimeSeated", "DateTimeDismissed"])
        expect(String(a[f])).toMatch(DATE_TIME);
      expect([
        "Scheduled",
        "Complete",
        "UnschedList",
        "ASAP",
        "Broken",
        "Planned",
        "PtNote",
        "PtNoteCompleted",
      ]).toContain(String(a.AptStatus));
    }
  }, 30_000);

  test("procnotes list newest first", async () => {
    const notes = await list("/procnotes?Limit=20");
    const nums = notes.map((n) => Number(n.ProcNoteNum));
    expect(nums).toEqual([...nums].sort((a, b) => b - a));
    for (const n of notes) expect(String(n.isSigned)).toMatch(BOOL);
  }, 60_000);

  test("writes: a Zclin procedure, a note, and an appended version", async () => {
    const t = target();
    if (!t.allowWrites) return;
    const [patient] = await list("/patients?Limit=1");
    const post = (path: string, body: unknown) => get(path, { method: "POST", body: JSON.stringify(body) });
    const procRes = await post("/procedurelogs", {
      PatNum: patient?.PatNum,
      ProcDate: t.today,
      ProcStatus: "C",
      procCode: "Zclin",
    });
    expect(procRes.status).toBe(201);
    const proc = await jsonRecord(procRes);
    const first = await post("/procnotes", {
      PatNum: patient?.PatNum,
      ProcNum: proc.ProcNum,
      Note: "Contract test note.",
    });
    expect(first.status).toBe(201);
    const second = await post("/procnotes", {
      PatNum: patient?.PatNum,
      ProcNum: proc.ProcNum,
      Note: "Appended.",
      doAppendNote: "true",
    });
    expect(second.status).toBe(201);
    expect((await jsonRecord(second)).Note).toBe("Contract test note.\r\n\r\nAppended.");
  }, 60_000);
}
