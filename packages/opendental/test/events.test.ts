import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type PatientSelectedEvent, parsePatientSelectedEvent } from "../src/index.ts";
import * as doc from "./fixtures/documented.ts";
import { testDatabases } from "./support/databases.ts";
import { KEYS, startOffice, type TestOffice } from "./support/office.ts";

const [sqlite] = testDatabases();

describe("PatientSelected UI events on the agent's endpoint", () => {
  let office: TestOffice;
  const received: PatientSelectedEvent[] = [];
  // The agent's local listener: it answers 200 whatever it makes of the event (delivery is blind).
  const listener = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: async (req) => {
      received.push(parsePatientSelectedEvent({ headers: req.headers, body: await req.text() }, KEYS.all));
      return new Response("ok");
    },
  });
  beforeAll(async () => {
    office = await startOffice(await (sqlite?.fresh() ?? Promise.reject(new Error("no database"))));
  });
  afterAll(async () => {
    await office.stop();
    await listener.stop(true);
  });

  test("subscribe, select a patient on a workstation, receive the patient and the workstation", async () => {
    const od = office.client();
    await od.subscriptions.create({
      EndPointUrl: `http://127.0.0.1:${listener.port}/`,
      UiEventType: "PatientSelected",
    });
    await office.control("/select-patient", "POST", { PatNum: 6, Workstation: "OP1-PC" });
    expect(received).toEqual([
      {
        ok: true,
        workstation: "OP1-PC",
        patient: expect.objectContaining({ PatNum: 6, LName: "Kowalski", FName: "Anna", Birthdate: "1988-01-23" }),
      },
    ]);
  });

  test("an event with another key, another type or a bad body is refused", () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    const body = JSON.stringify(doc.PATIENT_SELECTED);
    const event = (h: Record<string, string>, b = body) =>
      parsePatientSelectedEvent({ headers: headers(h), body: b }, KEYS.all);
    expect(event({ Authorization: "someoneElse" })).toEqual({ ok: false, reason: "unauthorized" });
    expect(event({})).toEqual({ ok: false, reason: "unauthorized" });
    expect(event({ Authorization: `ODFHIR ${KEYS.developer}/${KEYS.all}` })).toEqual({
      ok: false,
      reason: "unauthorized",
    });
    expect(event({ Authorization: KEYS.all, "Event-Type": "WatchTable: Appointment" })).toEqual({
      ok: false,
      reason: "other_event",
    });
    expect(event({ Authorization: KEYS.all }, "{")).toEqual({ ok: false, reason: "invalid" });
    expect(event({ Authorization: KEYS.all }, JSON.stringify({ PatNum: "x" }))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(event({ Authorization: KEYS.all }, `{"a":"${"x".repeat(70_000)}"}`)).toEqual({
      ok: false,
      reason: "invalid",
    });
    // Older offices send neither Event-Type (22.4.35) nor Workstation (22.4.28).
    expect(event({ Authorization: KEYS.all })).toMatchObject({
      ok: true,
      workstation: null,
      patient: { PatNum: 28, ClinicNum: 1 },
    });
  });
});
