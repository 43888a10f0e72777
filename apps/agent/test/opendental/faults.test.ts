import { afterEach, describe, expect, test } from "bun:test";
import { testDatabases } from "@sofia/testing/databases";
import { type ClinicOptions, TestClinic } from "../support/od-clinic.ts";
import { OD_KEYS } from "../support/od-office.ts";

const databases = testDatabases("@sofia/agent Open Dental", "od_faults");
let clinic: TestClinic | null = null;
afterEach(async () => {
  await clinic?.close();
  clinic = null;
});

const GARCIA = { name: "Mateo Garcia", birthdate: "1979-07-30" };

/** A fault armed through the sandbox's /_sandbox/fail, before the report is published. */
type Fault = { kind: string; status?: number; afterWrite?: boolean; method?: string; path?: string; count?: number };

/** Publishes Garcia's report with `faults` armed and returns what it became and what the office holds. */
async function throughFaults(c: TestClinic, faults: Fault[]) {
  await c.select(c.office.ids.patient("Mateo", "Garcia"));
  const before = await c.office.counts();
  for (const fault of faults) await c.office.control("/fail", "POST", fault);
  const id = await c.publish(GARCIA);
  const entry = await c.settled(id, 30_000);
  const after = await c.office.counts();
  const notes = await c.office.store.select("procnote");
  const mine = notes.filter((n) => n.Note.includes(`Sofia report ${id} (`));
  return {
    id,
    entry,
    added: { procedures: after.procedurelog - before.procedurelog, notes: after.procnote - before.procnote },
    mine,
  };
}

describe.each(databases)("Open Dental's failures on $name", (db) => {
  const open = async (options: Partial<ClinicOptions> = {}) => {
    clinic = await TestClinic.open({ db: await db.fresh(), protocol: "v2", ...options });
    return clinic;
  };

  test.each([
    ["a 500 before the procedure is created", { kind: "status", status: 500, method: "POST", path: "/procedurelogs" }],
    ["a 503 before the note is posted", { kind: "status", status: 503, method: "POST", path: "/procnotes" }],
    ["a dropped connection before the note", { kind: "reset", method: "POST", path: "/procnotes" }],
    [
      "a 500 after the procedure was created",
      { kind: "status", status: 500, afterWrite: true, method: "POST", path: "/procedurelogs" },
    ],
    [
      "a 502 after the note was posted",
      { kind: "status", status: 502, afterWrite: true, method: "POST", path: "/procnotes" },
    ],
    [
      "a gateway timeout (504 after 60 s) after the note was posted",
      { kind: "timeout", afterWrite: true, method: "POST", path: "/procnotes" },
    ],
    [
      "a dropped connection after the note was posted",
      { kind: "reset", afterWrite: true, method: "POST", path: "/procnotes" },
    ],
    ["5xx on every read, three times", { kind: "status", status: 500, method: "GET", count: 3 }],
  ] as [string, Fault][])(
    "%s: the note is written exactly once",
    async (_what, fault) => {
      const c = await open();
      const { entry, added, mine, id } = await throughFaults(c, [fault]);
      expect({ state: entry.state, added }).toEqual({ state: "written", added: { procedures: 1, notes: 1 } });
      expect(mine).toHaveLength(1);
      expect(entry.target?.ids.ProcNoteNum).toBe(mine[0]?.ProcNoteNum);
      expect((await c.statusAtHub(id, "written")).detail["id.ProcNoteNum"]).toBe(mine[0]?.ProcNoteNum ?? -1);
      // An answer lost after the write is recovered by finding the write, not by writing again.
      const recovered = c.agent.openDental.audit
        .of(id)
        .filter((a) => a.decision === "recovered")
        .map((a) => a.rule);
      const lost = fault.afterWrite === true;
      expect(recovered).toEqual(
        lost ? [fault.path === "/procedurelogs" ? "lost-procedure-found" : "marker-found"] : [],
      );
    },
    60_000,
  );

  test("the client's own deadline passes while the office writes the note: found, not written again", async () => {
    // The office holds the answer 600 ms (60 s scaled); the agent gives up after 300 ms.
    const c = await open({ waitScale: 1 / 100, odTimeoutMs: 300 });
    const { entry, added, mine } = await throughFaults(c, [
      { kind: "timeout", afterWrite: true, method: "POST", path: "/procnotes" },
    ]);
    expect({ state: entry.state, added, notes: mine.length }).toEqual({
      state: "written",
      added: { procedures: 1, notes: 1 },
      notes: 1,
    });
    const recovered = c.agent.openDental.audit.of(entry.reportId).filter((a) => a.decision === "recovered");
    expect(recovered.map((a) => a.rule)).toEqual(["marker-found"]);
  }, 60_000);

  test("401, the office disabled the key: held setup_needed, nothing written, the status page says why", async () => {
    const c = await open();
    await c.select(c.office.ids.patient("Mateo", "Garcia"));
    await c.office.control(`/keys/${OD_KEYS.all}`, "PUT", { enabled: false });
    const before = await c.office.counts();
    const id = await c.publish(GARCIA);
    const entry = await c.settled(id);
    expect(entry.state).toBe("held");
    expect(entry.reason).toStartWith("setup_needed: ");
    expect(entry.reason).toContain("401 unauthorized");
    expect(await c.office.counts()).toEqual(before);
    expect(String((await c.statusAtHub(id, "held")).detail.reason)).toStartWith("setup_needed: ");
    const status = await fetch(`${c.agent.status.url}/api/status`, {
      headers: { authorization: `Bearer ${await secret(c)}` },
    });
    const snapshot = (await status.json()) as { opendental: { problem: string } };
    expect(snapshot.opendental.problem).toContain("unauthorized");
  }, 60_000);

  test("version 400s: CodeNum and doAppendNote refused as too new, the note is still written once", async () => {
    const c = await open();
    const { entry, added, mine } = await throughFaults(c, [
      { kind: "version", method: "POST", path: "/procedurelogs" },
      { kind: "version", method: "POST", path: "/procnotes" },
    ]);
    expect({ state: entry.state, added, notes: mine.length }).toEqual({
      state: "written",
      added: { procedures: 1, notes: 1 },
      notes: 1,
    });
    const features = c.agent.openDental.currentOffice()?.client;
    expect((await features?.features())?.features).toMatchObject({
      procedureCodeNum: "unsupported",
      appendNote: "unsupported",
    });
  }, 60_000);

  test("an office before 24.2.29: no note listing, no doAppendNote, procedures by procCode — written once", async () => {
    const c = await open({ version: "24.1.5.0" });
    const { entry, added, mine } = await throughFaults(c, []);
    expect({ state: entry.state, added, notes: mine.length }).toEqual({
      state: "written",
      added: { procedures: 1, notes: 1 },
      notes: 1,
    });
    expect(entry.target?.ids).toMatchObject({ PatNum: c.office.ids.patient("Mateo", "Garcia") });
    expect(c.agent.openDental.ledger.get(entry.reportId)?.readBack).toBe("unavailable");
  }, 60_000);

  test("an office before 24.2.29 loses the note's answer: it cannot show the note, so the report is held, never re-sent", async () => {
    const c = await open({ version: "24.1.5.0" });
    const { entry, added, mine } = await throughFaults(c, [
      { kind: "status", status: 500, afterWrite: true, method: "POST", path: "/procnotes" },
    ]);
    expect({ state: entry.state, added, notes: mine.length }).toEqual({
      state: "held",
      added: { procedures: 1, notes: 1 },
      notes: 1,
    });
    expect(entry.reason).toStartWith("write_unconfirmed: ");
    expect(entry.reason).toContain(`ProcNum ${mine[0]?.ProcNum}`);
  }, 60_000);
});

test("the Remote API's throttle, with another program using the same key: paced, retried, written once", async () => {
  const answers: number[] = [];
  const counting = (async (input: Request | string | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    answers.push(response.status);
    return response;
  }) as typeof fetch;
  const [sqlite] = databases;
  if (!sqlite) throw new Error("no database");
  clinic = await TestClinic.open({
    db: await sqlite.fresh(),
    protocol: "v2",
    mode: "remote",
    workstations: [],
    fetch: counting,
    settings: { "patient-sources": "appointment" },
  });
  const c = clinic;
  // Another program on the office's key takes the slot now and then (1 request/s per customer key).
  let neighbour = true;
  const other = (async () => {
    let throttled = 0;
    while (neighbour) {
      const r = await fetch(`${c.office.apiUrl}/providers`, {
        headers: { Authorization: `ODFHIR ${OD_KEYS.developer}/${OD_KEYS.all}`, "Content-Type": "application/json" },
      });
      if (r.status === 429) throttled++;
      await r.body?.cancel();
      await Bun.sleep(1500);
    }
    return throttled;
  })();
  const before = await c.office.counts();
  const id = await c.publish(GARCIA);
  const entry = await c.settled(id, 100_000);
  neighbour = false;
  const neighbourThrottled = await other;
  const throttled = answers.filter((s) => s === 429).length;
  console.log(
    `remote mode: ${answers.length} agent requests, ${throttled} throttled (429) and retried; the other program was throttled ${neighbourThrottled} times`,
  );
  expect(entry.state).toBe("written");
  expect(await c.office.counts()).toEqual({
    ...before,
    procedurelog: before.procedurelog + 1,
    procnote: before.procnote + 1,
  });
  expect(c.agent.openDental.currentOffice()?.client.status().active?.mode).toBe("remote");
}, 120_000);

async function secret(c: TestClinic): Promise<string> {
  return (await Bun.file(c.home.paths.statusSecretFile).text()).trim();
}
