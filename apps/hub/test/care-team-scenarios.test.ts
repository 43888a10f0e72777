import { afterEach, describe, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { type CareTeamHub, socketUser, startCareTeamHub, v2User } from "./support/care-team-hub.ts";

/**
 * The reference's three scenarios (shared/specs/realtime-notifications-reference.md), end to end:
 * the customer's backend publishes through the HTTP API; a doctor (v2 through @sofia/client), a
 * patient (Socket.IO over WebSocket) and a pharmacist (Socket.IO long-polling) receive live.
 */
describe("the reference's acceptance scenarios", () => {
  let hub: CareTeamHub;
  afterEach(() => hub.stop());

  async function careTeam() {
    hub = await startCareTeamHub();
    const doctor = v2User(hub, await hub.token("dr-ada", "doctor"));
    await doctor.client.start();
    const patient = socketUser(hub, await hub.token("pat-1", "patient"));
    const pharmacist = socketUser(hub, await hub.token("ph-1", "pharmacist"), { transports: ["polling"] });
    await until(
      "everyone is connected",
      () => doctor.client.state === "connected" && patient.socket.connected && pharmacist.socket.connected,
    );
    const at = "2026-12-02T09:00:00.000Z";
    const publish = async (body: unknown) => expect((await hub.notify(body)).status).toBe(202);
    const stop = () => {
      doctor.client.stop();
      patient.socket.disconnect();
      pharmacist.socket.disconnect();
    };
    return { doctor, patient, pharmacist, at, publish, stop };
  }
  const eventsOf = (user: { received: { event: string; data: unknown }[] }, event: string) =>
    user.received.filter((r) => r.event === event).map((r) => r.data);

  test("1: a doctor asks for access; the patient is told at once, approves, and the doctor is told", async () => {
    const { doctor, patient, at, publish, stop } = await careTeam();
    await publish({
      to: { type: "user", clinic_id: "clinic-a", user_id: "pat-1" },
      event: "new_access_request",
      data: { request_id: "req-7", patient_id: "pat-1", doctor_id: "dr-ada", doctor_name: "Dr. Ada", requested_at: at },
    });
    await until("the patient has the request", () => eventsOf(patient, "new_access_request").length === 1);
    await publish({
      to: { type: "user", clinic_id: "clinic-a", user_id: "dr-ada" },
      event: "access_request_status_changed",
      data: { request_id: "req-7", patient_id: "pat-1", doctor_id: "dr-ada", status: "approved", changed_at: at },
    });
    await until("the doctor learns it was approved", () => doctor.deliveries.length === 1);
    expect(doctor.deliveries[0]).toMatchObject({
      event: "access_request_status_changed",
      data: { status: "approved" },
    });
    stop();
  });

  test("2: a prescription goes to the pharmacists; the patient follows it to delivery", async () => {
    const { doctor, patient, pharmacist, at, publish, stop } = await careTeam();
    const rx = { prescription_id: "rx-3", patient_id: "pat-1", doctor_id: "dr-ada", changed_at: at };
    await publish({
      to: { type: "role", clinic_id: "clinic-a", role: "pharmacist" },
      event: "prescription_status_changed",
      data: { ...rx, status: "validated" },
    });
    await until("the pharmacist has it", () => eventsOf(pharmacist, "prescription_status_changed").length === 1);
    for (const status of ["prepared", "ready", "delivered"]) {
      for (const user_id of ["pat-1", "dr-ada"]) {
        await publish({
          to: { type: "user", clinic_id: "clinic-a", user_id },
          event: "prescription_status_changed",
          data: { ...rx, pharmacist_id: "ph-1", status },
        });
      }
    }
    await until("the patient saw every step", () => eventsOf(patient, "prescription_status_changed").length === 3);
    expect(eventsOf(patient, "prescription_status_changed")).toMatchObject([
      { status: "prepared" },
      { status: "ready" },
      { status: "delivered" },
    ]);
    await until("the doctor too", () => doctor.deliveries.length === 3);
    stop();
  });

  test("3: a medical record is created and updated; the patient is told of both", async () => {
    const { patient, at, publish, stop } = await careTeam();
    const to = { type: "user", clinic_id: "clinic-a", user_id: "pat-1" };
    await publish({
      to,
      event: "medical_record_created",
      data: { record_id: "rec-1", patient_id: "pat-1", doctor_id: "dr-ada", title: "Check-up", created_at: at },
    });
    await publish({
      to,
      event: "medical_record_updated",
      data: { record_id: "rec-1", patient_id: "pat-1", updated_by: "dr-ada", updated_at: at },
    });
    await until(
      "both arrive, in order",
      () => patient.received.filter((r) => r.event.startsWith("medical_record")).length === 2,
    );
    expect(patient.received.filter((r) => r.event.startsWith("medical_record")).map((r) => r.event)).toEqual([
      "medical_record_created",
      "medical_record_updated",
    ]);
    stop();
  });
});
