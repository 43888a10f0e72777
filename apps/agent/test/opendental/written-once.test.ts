import { afterEach, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { until } from "@sofia/testing";
import { testDatabases } from "@sofia/testing/databases";
import { type TestClinic as Clinic, TestClinic } from "../support/od-clinic.ts";

const [sqlite] = testDatabases("@sofia/agent Open Dental", "od_once");
let clinic: Clinic | null = null;
let endpoint: ReturnType<typeof Bun.serve> | null = null;
afterEach(async () => {
  await endpoint?.stop(true);
  endpoint = null;
  await clinic?.close();
  clinic = null;
});

const GARCIA = { name: "Mateo Garcia", birthdate: "1979-07-30" };

async function open(protocol: "v1" | "v2" = "v2"): Promise<Clinic> {
  if (!sqlite) throw new Error("no database");
  clinic = await TestClinic.open({ db: await sqlite.fresh(), protocol });
  await clinic.select(clinic.office.ids.patient("Mateo", "Garcia"));
  return clinic;
}

/** The report's notes in the office (every version of every procedure's note carrying its marker). */
async function notesOf(c: Clinic, id: string) {
  return (await c.office.store.select("procnote")).filter((n) => n.Note.includes(`Sofia report ${id} (`));
}

describe("the same report delivered twice is written once", () => {
  test("v2 redelivery: the hub sends the report again to another consumer of the doctor's mailbox", async () => {
    const c = await open();
    const id = await c.publish(GARCIA);
    expect((await c.settled(id)).state).toBe("written");
    // The doctor's key reads the mailbox from the beginning: every report comes again.
    await c.cli(["config", "set", "credential", c.doctorKey]);
    await until("the report delivered again", () => (c.agent.journal.get(id)?.duplicates ?? 0) >= 1);
    await c.agent.settled();
    expect(await notesOf(c, id)).toHaveLength(1);
    expect(c.agent.journal.get(id)?.state).toBe("written");
  }, 60_000);

  test("the PC lost its journal (reinstalled): the report comes again and is found in Open Dental, not written again", async () => {
    const c = await open();
    const id = await c.publish(GARCIA);
    const first = await c.settled(id);
    expect(first.state).toBe("written");
    await c.home.stop();
    rmSync(c.home.paths.journalFile, { force: true });
    rmSync(c.home.paths.openDentalStateFile, { force: true });
    await c.cli(["config", "set", "credential", c.doctorKey]);
    await c.start();
    const again = await c.settled(id);
    expect(again.state).toBe("written");
    expect(again.target?.ids).toMatchObject({
      ProcNum: first.target?.ids.ProcNum,
      ProcNoteNum: first.target?.ids.ProcNoteNum,
    });
    expect(await notesOf(c, id)).toHaveLength(1);
    expect(c.agent.openDental.audit.of(id).map((a) => a.decision)).toContain("recovered");
  }, 60_000);

  test("v1 resend: an endpoint that sends the same report_ready twice, and again after a reconnect", async () => {
    const c = await open("v1");
    const id = "rep_01JQ0000000000000000RESEND";
    const connections = await resendingEndpoint(c, () => frame(c, { report_id: id, patient: GARCIA }));
    await until(
      "three duplicates recognised over two connections",
      () => (c.agent.journal.get(id)?.duplicates ?? 0) >= 3,
    );
    expect((await c.settled(id)).state).toBe("written");
    expect(connections()).toBeGreaterThanOrEqual(2);
    expect(await notesOf(c, id)).toHaveLength(1);
  }, 60_000);

  test("a spec-exact endpoint (no report_id, no patient), resending with a new signed url: chair-bound, written once", async () => {
    if (!sqlite) throw new Error("no database");
    clinic = await TestClinic.open({ db: await sqlite.fresh(), protocol: "v1", settings: { "chair-binding": "auto" } });
    const c = clinic;
    const garcia = c.office.ids.patient("Mateo", "Garcia");
    c.agent.openDental.selections.record("ui-event", "OP1-PC", garcia, Date.now() - 30 * 60_000);
    let sent = 0;
    await resendingEndpoint(c, () => frame(c, { url: `${c.hub.url}/signed.docx?sig=${++sent}` }));
    await until("a spec report journaled and recognised again", () =>
      c.agent.journal.recent(5).some((e) => e.reportId.startsWith("v1-") && e.duplicates >= 3),
    );
    const [entry] = c.agent.journal.recent(5).filter((e) => e.reportId.startsWith("v1-"));
    const settled = await c.settled(entry?.reportId ?? "");
    expect({ state: settled.state, patNum: settled.target?.ids.PatNum }).toEqual({ state: "written", patNum: garcia });
    expect(await notesOf(c, entry?.reportId ?? "")).toHaveLength(1);
    expect(c.agent.journal.recent(5).filter((e) => e.reportId.startsWith("v1-"))).toHaveLength(1);
  }, 60_000);
});

/** A report_ready frame; without `report_id` and `patient` it is exactly the integrators' spec. */
function frame(c: Clinic, extensions: { report_id?: string; patient?: object; url?: string }): string {
  return JSON.stringify({
    type: "report_ready",
    url: `${c.hub.url}/nowhere.docx`,
    html_content: "<p>visit</p>",
    rtf_report: "{\\rtf1 visit}",
    plaintext_report: "History: resend test\nFindings: none",
    json_report: { history: "resend test", findings: "none", diagnosis: "", procedure: "", recommendation: "" },
    ...extensions,
  });
}

/**
 * A v1 endpoint that sends a report twice on each connection and closes the first one, so the
 * agent reconnects and gets it twice more; the agent is pointed at it. Returns the connection count.
 */
async function resendingEndpoint(c: Clinic, next: () => string): Promise<() => number> {
  let connections = 0;
  endpoint = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request, server) =>
      server.upgrade(request, { data: undefined }) ? undefined : new Response("ws only", { status: 400 }),
    websocket: {
      message(ws, message) {
        if (message === "ping") ws.send("pong");
        else if (String(message).includes("doctor_key")) {
          ws.send(next());
          ws.send(next());
          if (++connections === 1) setTimeout(() => ws.close(1000), 200);
        }
      },
    },
  });
  await c.cli(["config", "set", "endpoints", `ws://127.0.0.1:${endpoint.port}/reports/ws`]);
  return () => connections;
}
