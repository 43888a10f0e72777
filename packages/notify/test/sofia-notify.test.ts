import { afterEach, describe, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { type CareTeamHub, startCareTeamHub, v2User } from "../../../apps/hub/test/support/care-team-hub.ts";
import { NotifyError, SofiaNotify } from "../src/index.ts";

const at = "2026-12-02T09:00:00.000Z";

describe("@sofia/notify against a real hub", () => {
  let hub: CareTeamHub;
  afterEach(() => hub.stop());

  test("notifyUser, notifyRole and notifyClinic reach the right inboxes, typed by event", async () => {
    hub = await startCareTeamHub();
    const patient = v2User(hub, await hub.token("pat-1", "patient"));
    const pharmacist = v2User(hub, await hub.token("ph-1", "pharmacist"));
    await patient.client.start();
    await pharmacist.client.start();
    await until("both connected", () => [patient, pharmacist].every((u) => u.client.state === "connected"));
    const notify = new SofiaNotify({ hubUrl: hub.t.url, token: hub.producer });
    const toUser = await notify.notifyUser("clinic-a", "pat-1", "medical_record_created", {
      record_id: "rec-1",
      patient_id: "pat-1",
      doctor_id: "dr-ada",
      created_at: at,
    });
    expect(toUser).toMatchObject({ recipients: 1, replayed: false });
    await notify.notifyRole("clinic-a", "pharmacist", "prescription_status_changed", {
      prescription_id: "rx-1",
      patient_id: "pat-1",
      doctor_id: "dr-ada",
      status: "validated",
      changed_at: at,
    });
    await notify.notifyClinic("clinic-a", "notification", { title: "Closed Friday", body: "From noon." });
    await until("the patient has its two", () => patient.deliveries.length === 2);
    await until("the pharmacist has its two", () => pharmacist.deliveries.length === 2);
    expect(patient.deliveries.map((d) => d.event)).toEqual(["medical_record_created", "notification"]);
    expect(pharmacist.deliveries.map((d) => d.event)).toEqual(["prescription_status_changed", "notification"]);
    patient.client.stop();
    pharmacist.client.stop();
  });

  test("a dedupe key makes a repeat a no-op; a retried request after a lost answer never notifies twice", async () => {
    hub = await startCareTeamHub();
    let calls = 0;
    // The first answer is lost on the way back: the SDK retries with the same key.
    const lossy: typeof fetch = Object.assign(
      async (input: string | URL | Request, init?: RequestInit) => {
        const response = await fetch(input, init);
        if (++calls === 1) throw new TypeError("connection reset");
        return response;
      },
      { preconnect: fetch.preconnect },
    );
    const notify = new SofiaNotify({ hubUrl: hub.t.url, token: hub.producer, fetch: lossy });
    const data = { title: "Hello", body: "Once." };
    const sent = await notify.notifyUser("clinic-a", "pat-1", "notification", data);
    expect(sent.replayed).toBe(true);
    expect(calls).toBe(2);
    const again = await notify.notifyUser("clinic-a", "pat-1", "notification", data, { dedupeKey: "k-1" });
    const repeat = await notify.notifyUser("clinic-a", "pat-1", "notification", data, { dedupeKey: "k-1" });
    expect(repeat).toEqual({ ...again, replayed: true });
    const inbox = await hub.t.store.mailbox.inbox("clinic:clinic-a:user:pat-1", {
      unreadOnly: false,
      before: null,
      limit: 10,
    });
    expect(inbox.items).toHaveLength(2);
  });

  test("refusals are NotifyErrors a caller can act on; invalid data is refused before sending", async () => {
    hub = await startCareTeamHub();
    const notify = new SofiaNotify({ hubUrl: hub.t.url, token: hub.producer });
    const refused = await notify
      .notifyRole("clinic-a", "patient", "prescription_status_changed", {
        prescription_id: "rx-1",
        patient_id: "pat-1",
        doctor_id: "dr-ada",
        status: "ready",
        changed_at: at,
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NotifyError);
    expect(refused).toMatchObject({ status: 403, code: "forbidden", retryable: false });
    const invalid = await notify
      .notifyUser("clinic-a", "pat-1", "notification", { title: "", body: "x" })
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({ status: 400, code: "invalid_body" });
    expect(Object.keys((invalid as NotifyError).fields)).toContain("data.title");
    const badToken = new SofiaNotify({ hubUrl: hub.t.url, token: "spt_nope" });
    const unauthorized = await badToken
      .notifyClinic("clinic-a", "notification", { title: "t", body: "b" })
      .catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ status: 401, retryable: false });
  });
});
