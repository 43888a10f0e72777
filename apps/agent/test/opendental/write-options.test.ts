import { afterEach, describe, expect, test } from "bun:test";
import { testDatabases } from "@sofia/testing/databases";
import { type ClinicOptions, TestClinic } from "../support/od-clinic.ts";

const [sqlite] = testDatabases("@sofia/agent Open Dental", "od_options");
let clinic: TestClinic | null = null;
afterEach(async () => {
  await clinic?.close();
  clinic = null;
});

const GARCIA = { name: "Mateo Garcia", birthdate: "1979-07-30" };
const MINUTE = 60_000;

async function open(options: Partial<ClinicOptions> = {}): Promise<TestClinic> {
  if (!sqlite) throw new Error("no database");
  clinic = await TestClinic.open({ db: await sqlite.fresh(), protocol: "v2", ...options });
  return clinic;
}

describe("chair binding: reports that name no patient", () => {
  test.each(["v2", "v1"] as const)(
    "over %s, chair-binding auto writes to the one patient in the doctor's chairs since before the visit",
    async (protocol) => {
      const c = await open({ protocol, settings: { "chair-binding": "auto" } });
      const garcia = c.office.ids.patient("Mateo", "Garcia");
      // Selected on OP1-PC 30 minutes ago (and seated in OP1 now): nobody else in the window.
      c.agent.openDental.selections.record("ui-event", "OP1-PC", garcia, Date.now() - 30 * MINUTE);
      const id = await c.publish(undefined);
      const entry = await c.settled(id);
      expect(entry.state).toBe("written");
      expect(entry.target?.ids).toMatchObject({ PatNum: garcia, rule: "chair-binding-auto", source: "ui-event" });
    },
    60_000,
  );

  test("chair-binding auto, but the patient was selected a minute ago: a person confirms, proposed the chair's patient", async () => {
    const c = await open({ settings: { "chair-binding": "auto" } });
    const nguyen = c.office.ids.patient("Linh", "Nguyen");
    await c.select(nguyen);
    const before = await c.office.counts();
    const id = await c.publish(undefined);
    const entry = await c.settled(id);
    expect(entry.reason).toStartWith("chair_confirmation_needed: ");
    expect(entry.target?.ids).toMatchObject({
      hold: "chair_confirmation_needed",
      proposedPatNum: nguyen,
      source: "ui-event",
    });
    expect(await c.office.counts()).toEqual(before);
  }, 60_000);
});

test("the Program Link: sofia-agent select-patient makes this workstation's patient the chair's", async () => {
  const c = await open({ settings: { "patient-sources": "program-link" }, workstations: ["CLINIC-SERVER"] });
  const okafor = c.office.ids.patient("Chidi", "Okafor");
  const port = c.agent.openDental.currentSettings()["events-port"];
  expect(await c.cli(["select-patient", String(okafor), "--workstation", "clinic-server"])).toContain(
    `patient ${okafor} is now in the chair at CLINIC-SERVER`,
  );
  const missing = await c.home.cli([
    "select-patient",
    "987654",
    "--workstation",
    "CLINIC-SERVER",
    "--port",
    String(port),
  ]);
  expect({ code: missing.code, stderr: missing.stderr }).toEqual({
    code: 1,
    stderr: "sofia-agent: Open Dental has no patient 987654",
  });
  const forged = await fetch(`http://127.0.0.1:${port}/opendental/program-link`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ PatNum: okafor, workstation: "CLINIC-SERVER" }),
  });
  expect(forged.status).toBe(400); // what a web page could send without asking first
  const id = await c.publish({ name: "Chidi Okafor", birthdate: "1991-11-05" });
  expect((await c.settled(id)).target?.ids).toMatchObject({ PatNum: okafor, source: "program-link" });
}, 60_000);

test("PatientSelected events without the customer key are refused", async () => {
  const c = await open();
  const port = c.agent.openDental.currentSettings()["events-port"];
  const event = (authorization: string) =>
    fetch(`http://127.0.0.1:${port}/opendental/patient-selected?workstation=OP1-PC`, {
      method: "POST",
      headers: { Authorization: authorization, Workstation: "OP1-PC", "Event-Type": "UiEventType: PatientSelected" },
      body: JSON.stringify({ PatNum: 5 }),
    });
  expect((await event("not-the-key")).status).toBe(401);
  expect(c.agent.openDental.selections.current()).toEqual([]);
}, 60_000);

describe("what is written, as the clinic chooses", () => {
  test("opendental.write-as commlog: one commlog carrying the report, no procedure note", async () => {
    const c = await open({ settings: { "write-as": "commlog" } });
    const garcia = c.office.ids.patient("Mateo", "Garcia");
    await c.select(garcia);
    const before = await c.office.counts();
    const id = await c.publish(GARCIA);
    const entry = await c.settled(id);
    expect(await c.office.counts()).toEqual({ ...before, commlog: before.commlog + 1 });
    const [commlog] = (await c.office.store.select("commlog")).filter((l) => l.Note.includes(`Sofia report ${id}`));
    expect(commlog?.PatNum).toBe(garcia);
    expect(entry.target?.ids).toMatchObject({ PatNum: garcia, CommlogNum: commlog?.CommlogNum });
  }, 60_000);

  test("opendental.attach-docx and opendental.signed: the Word document in Images, the note signed in the API's name", async () => {
    const c = await open({ settings: { "attach-docx": "true", signed: "true" } });
    const garcia = c.office.ids.patient("Mateo", "Garcia");
    await c.select(garcia);
    const id = await c.publish(GARCIA);
    const entry = await c.settled(id);
    const [doc] = (await c.office.store.select("document")).filter((d) => d.Description.includes(`Sofia report ${id}`));
    expect(doc?.PatNum).toBe(garcia);
    expect(doc?.Note).toStartWith("_rawBase64_:.docx_UEsDB"); // a zip: a .docx
    expect(entry.target?.ids).toMatchObject({ DocNum: doc?.DocNum });
    const [note] = (await c.office.store.select("procnote")).filter((n) => n.Note.includes(`Sofia report ${id}`));
    expect(note?.Signature).toStartWith("Digitally Signed by Sofia Bridge");
    expect(note?.Note).toContain(`Sofia report ${id} (AI-generated)`);
  }, 60_000);
});
