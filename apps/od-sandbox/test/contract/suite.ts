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
  /**
   * Whether every list the checks read must have rows. The seeded sandbox must (an empty list
   * there is a failure); a real office may have none of something, and then that check is
   * skipped with a notice instead of passing without checking anything.
   */
  requireData: boolean;
}

/** The lists whose rows the checks examine. */
const SAMPLES = {
  patients: "/patients?Limit=5",
  confirmations: "/definitions?Category=2",
  appointments: "/appointments?Limit=5",
  procnotes: "/procnotes?Limit=20",
} as const;
type Sample = keyof typeof SAMPLES;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const BOOL = /^(true|false)$/;

/** A client of `t` that keeps its requests `spacingMs` apart (a real remote key is throttled). */
function contractClient(t: ContractTarget) {
  let last = Number.NEGATIVE_INFINITY;
  return async (path: string, init: RequestInit = {}, customerKey?: string) => {
    // Spacing requests to a real server's rate limit: the one wait here that is not a test's.
    const wait = last + t.spacingMs - performance.now();
    if (wait > 0) await Bun.sleep(wait);
    last = performance.now();
    return fetch(`${t.api}${path}`, {
      ...init,
      headers: {
        Authorization: `ODFHIR ${t.developerKey}/${customerKey ?? t.customerKey}`,
        "Content-Type": "application/json",
      },
    });
  };
}

/**
 * Which sample lists have rows at `target`, asked before the tests are registered (a test cannot
 * skip itself once running). Against the sandbox every list counts as present, so an empty one
 * fails its test.
 */
export async function probeContractTarget(target: ContractTarget): Promise<Record<Sample, boolean>> {
  const present = { patients: true, confirmations: true, appointments: true, procnotes: true };
  if (target.requireData) return present;
  const get = contractClient(target);
  for (const [name, path] of Object.entries(SAMPLES) as [Sample, string][]) {
    const res = await get(path);
    present[name] = res.status !== 200 || (await jsonList(res)).length > 0;
    if (!present[name]) console.log(`contract suite at ${target.api}: no ${name} there, so their check is skipped`);
  }
  return present;
}

/**
 * Checks that hold for any Open Dental office (documented formats and semantics, no demo data),
 * so the same body measures the sandbox and the real thing. Read-only unless `allowWrites`.
 * `present` (from {@link probeContractTarget}) says which lists have rows to check.
 */
export function contractSuite(target: ContractTarget, present: Record<Sample, boolean>): void {
  const get = contractClient(target);
  const list = async (path: string): Promise<Record<string, unknown>[]> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const rows = await jsonList(res);
    // Only reached for lists known to have rows: empty means the data went missing.
    expect(rows.length).toBeGreaterThan(0);
    return rows;
  };
  const withRows = (sample: Sample) => test.skipIf(!present[sample]);

  test("an unknown customer key is 401", async () => {
    expect((await get("/patients?Limit=1", {}, "notARealKey0000")).status).toBe(401);
  }, 30_000);

  withRows("patients")(
    "patients: keys are numbers, dates yyyy-MM-dd, enums text",
    async () => {
      const patients = await list(SAMPLES.patients);
      for (const p of patients) {
        expect(typeof p.PatNum).toBe("number");
        expect(String(p.Birthdate)).toMatch(DATE);
        expect(typeof p.PatStatus).toBe("string");
      }
    },
    30_000,
  );

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

  withRows("confirmations")(
    "appointment confirmation definitions and the seated trigger preference",
    async () => {
      const defs = await list(SAMPLES.confirmations);
      for (const d of defs)
        expect(d).toMatchObject({ Category: 2, category: "ApptConfirmed", isHidden: expect.stringMatching(BOOL) });
      const prefs = await list("/preferences?PrefName=AppointmentTimeSeatedTrigger");
      expect(prefs.length).toBe(1);
      expect(Object.keys(prefs[0] ?? {})).toEqual(expect.arrayContaining(["PrefNum", "PrefName", "ValueString"]));
    },
    30_000,
  );

  withRows("appointments")(
    "appointments carry date-times, 0001-01-01 00:00:00 when unset, and text statuses",
    async () => {
      for (const a of await list(SAMPLES.appointments)) {
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
    },
    30_000,
  );

  withRows("procnotes")(
    "procnotes list newest first",
    async () => {
      const notes = await list(SAMPLES.procnotes);
      const nums = notes.map((n) => Number(n.ProcNoteNum));
      expect(nums).toEqual([...nums].sort((a, b) => b - a));
      for (const n of notes) expect(String(n.isSigned)).toMatch(BOOL);
    },
    60_000,
  );

  test.skipIf(!target.allowWrites || !present.patients)(
    "writes: a Zclin procedure, a note, and an appended version",
    async () => {
      const t = target;
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
    },
    60_000,
  );
}
