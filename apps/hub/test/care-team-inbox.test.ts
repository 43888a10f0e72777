import { afterEach, describe, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { type CareTeamHub, startCareTeamHub, v2User } from "./support/care-team-hub.ts";

const accessRequest = (n = 1) => ({
  to: { type: "user", clinic_id: "clinic-a", user_id: "pat-1" },
  event: "new_access_request",
  data: {
    request_id: `req-${n}`,
    patient_id: "pat-1",
    doctor_id: "dr-ada",
    doctor_name: "Dr. Ada",
    requested_at: "2026-12-02T09:00:00.000Z",
  },
});

describe("durable inboxes for care-team users", () => {
  let hub: CareTeamHub;
  afterEach(() => hub.stop());

  test("a patient offline during an access request gets it at the next login, exactly once per device", async () => {
    hub = await startCareTeamHub();
    const published = await hub.notify(accessRequest());
    expect(published.status).toBe(202);
    expect(await published.json()).toMatchObject({ recipients: 1 });

    const token = await hub.token("pat-1", "patient");
    const first = v2User(hub, token, "phone");
    await first.client.start();
    await until("the request arrives", () => first.deliveries.length === 1);
    expect(first.deliveries[0]).toMatchObject({ event: "new_access_request", data: { request_id: "req-1" } });
    await until(
      "it is acknowledged",
      async () => ((await hub.t.store.mailbox.cursor("device:phone:clinic:clinic-a:user:pat-1"))?.ackedSeq ?? 0) === 1,
    );
    first.client.stop();

    // The same device again: nothing is sent twice. Another device: it gets the inbox too.
    const again = v2User(hub, token, "phone");
    const laptop = v2User(hub, token, "laptop");
    await again.client.start();
    await laptop.client.start();
    await until("the laptop has it", () => laptop.deliveries.length === 1);
    await hub.notify(accessRequest(2));
    await until("both get the next one live", () => again.deliveries.length === 1 && laptop.deliveries.length === 2);
    expect(again.deliveries.map((d) => d.data)).toMatchObject([{ request_id: "req-2" }]);
    again.client.stop();
    laptop.client.stop();
  });

  test("read state syncs to the user's other connections, and the inbox lists what is unread", async () => {
    hub = await startCareTeamHub();
    await hub.notify(accessRequest(1));
    await hub.notify(accessRequest(2));
    const token = await hub.token("pat-1", "patient");
    const tab = v2User(hub, token, "tab-1");
    const phone = v2User(hub, token, "phone");
    await tab.client.start();
    await phone.client.start();
    await until("both have both", () => tab.deliveries.length === 2 && phone.deliveries.length === 2);
    const firstId = tab.deliveries[0]?.id ?? "";
    expect(tab.client.request({ type: "mark_read", ids: [firstId] })).toBe(true);
    await until("both connections hear it was read", () =>
      [tab, phone].every((u) => u.messages.some((m) => m.type === "read" && m.ids.includes(firstId))),
    );
    phone.client.request({ type: "inbox", unread_only: true });
    await until("the inbox page arrives", () => phone.messages.some((m) => m.type === "inbox"));
    const page = phone.messages.find((m) => m.type === "inbox");
    expect(page).toMatchObject({ type: "inbox", unread: 1, items: [{ read: false, data: { request_id: "req-2" } }] });
    tab.client.stop();
    phone.client.stop();
  });

  test("a repeated dedupe_key within 24 hours is a no-op", async () => {
    hub = await startCareTeamHub();
    const body = { ...accessRequest(), dedupe_key: "access-req-1" };
    const first = await hub.notify(body);
    const second = await hub.notify(body);
    expect([first.status, second.status]).toEqual([202, 200]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const [a, b] = [await first.json(), await second.json()];
    expect(b).toEqual(a);
    const user = v2User(hub, await hub.token("pat-1", "patient"));
    await user.client.start();
    await until("the notification arrives", () => user.deliveries.length === 1);
    await hub.notify(accessRequest(9));
    await until("the next one arrives", () => user.deliveries.length === 2);
    expect(user.deliveries.map((d) => d.data)).toMatchObject([{ request_id: "req-1" }, { request_id: "req-9" }]);
    user.client.stop();
  });

  test("role and clinic notifications fan out to the known users of that role or clinic", async () => {
    hub = await startCareTeamHub();
    // Users become known when they first connect.
    for (const [sub, role] of [
      ["ph-1", "pharmacist"],
      ["ph-2", "pharmacist"],
      ["pat-1", "patient"],
    ] as const) {
      const user = v2User(hub, await hub.token(sub, role), "seen");
      await user.client.start();
      await until(`${sub} is connected`, () => user.client.state === "connected");
      user.client.stop();
    }
    const toRole = await hub.notify({
      to: { type: "role", clinic_id: "clinic-a", role: "pharmacist" },
      event: "prescription_status_changed",
      data: {
        prescription_id: "rx-1",
        patient_id: "pat-1",
        doctor_id: "dr-ada",
        status: "validated",
        changed_at: "2026-12-02T09:00:00.000Z",
      },
    });
    expect(await toRole.json()).toMatchObject({ recipients: 2 });
    const toClinic = await hub.notify({
      to: { type: "clinic", clinic_id: "clinic-a" },
      event: "notification",
      data: { title: "Closed on Friday", body: "The clinic closes at noon." },
    });
    expect(await toClinic.json()).toMatchObject({ recipients: 3 });
    // A prescription may not be addressed to every patient.
    const refused = await hub.notify({
      to: { type: "role", clinic_id: "clinic-a", role: "patient" },
      event: "prescription_status_changed",
      data: {
        prescription_id: "rx-1",
        patient_id: "pat-1",
        doctor_id: "dr-ada",
        status: "validated",
        changed_at: "2026-12-02T09:00:00.000Z",
      },
    });
    expect(refused.status).toBe(403);
  });

  test("a producer confined to one clinic cannot reach another, and one clinic's users never see another's events", async () => {
    hub = await startCareTeamHub();
    const other = await hub.notify({
      ...accessRequest(),
      to: { type: "user", clinic_id: "clinic-b", user_id: "pat-1" },
    });
    expect(other.status).toBe(404);
    const sameId = v2User(
      hub,
      await hub.token("pat-1", "patient", { clinic: "clinic-b" }, "clinic-b-shared-secret-fedcba9876543210"),
    );
    await sameId.client.start();
    await until("connected", () => sameId.client.state === "connected");
    await hub.notify(accessRequest());
    const mine = v2User(hub, await hub.token("pat-1", "patient"));
    await mine.client.start();
    await until("clinic-a's patient has it", () => mine.deliveries.length === 1);
    expect(sameId.deliveries).toEqual([]);
    sameId.client.stop();
    mine.client.stop();
  });

  test("the doctor's own web app receives the report the clinic agent does", async () => {
    hub = await startCareTeamHub();
    const doctor = v2User(hub, await hub.token("dr-ada", "doctor"));
    await doctor.client.start();
    await until("connected", () => doctor.client.state === "connected");
    const response = await fetch(`${hub.t.url}/v1/reports`, {
      method: "POST",
      headers: { authorization: `Bearer ${hub.producer}`, "content-type": "application/json" },
      body: JSON.stringify({
        doctor_id: "dr-ada",
        report: { history: "h", findings: "f", diagnosis: "d", procedure: "p", recommendation: "r" },
      }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await until("the report reaches the doctor's web app", () => doctor.deliveries.length === 1);
    expect(doctor.deliveries[0]).toMatchObject({ event: "report_ready", data: { report_id: id } });
    doctor.client.stop();
  });
});
