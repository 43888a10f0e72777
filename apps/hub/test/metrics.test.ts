import { afterEach, describe, expect, test } from "bun:test";
import { PublishReportResponse, V2StatusAck } from "@sofia/protocol";
import { until } from "@sofia/testing";
import { type CareTeamHub, socketUser, startCareTeamHub } from "./support/care-team-hub.ts";
import { labelValues, parseMetrics, sampleValue } from "./support/prometheus-text.ts";
import { addDoctor, enrollAgent, nextDeliveries, openV2, publish, sampleReport } from "./support/test-hub.ts";

/** Every metric docs/operations.md, the dashboard and the alerts name (issue 17, item 2). */
export const HUB_METRICS = [
  "sofia_hub_connections",
  "sofia_hub_agents",
  "sofia_hub_auth_failures_total",
  "sofia_hub_reports",
  "sofia_hub_report_held_oldest_seconds",
  "sofia_hub_reports_published_total",
  "sofia_hub_report_statuses_total",
  "sofia_hub_report_delivery_seconds",
  "sofia_hub_report_written_seconds",
  "sofia_hub_notification_delivery_seconds",
  "sofia_hub_inbox_unread",
  "sofia_hub_mailbox_pending",
  "sofia_hub_resumes_total",
  "sofia_hub_webhook_attempts_total",
  "sofia_hub_render_seconds",
  "sofia_hub_store_commit_seconds",
];

const MARKER = "QUOKKA7731";
const PATIENT = "Zebulon Marchetti-Quokka";

const scrape = (hub: CareTeamHub, token?: string) =>
  fetch(`${hub.t.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("GET /metrics", () => {
  let hub: CareTeamHub;
  afterEach(() => hub.stop());

  test("only an operator token reads it: none or a wrong one is 401, a producer token 403", async () => {
    hub = await startCareTeamHub();
    const operator = (await hub.t.admin.createProducerToken({ name: "prometheus", scopes: ["metrics:read"] })).secret;
    expect((await scrape(hub)).status).toBe(401);
    expect((await scrape(hub, `${operator.slice(0, -4)}AAAA`)).status).toBe(401);
    expect((await scrape(hub, "not-a-token")).status).toBe(401);
    expect((await scrape(hub, hub.producer)).status).toBe(403);
    // Hub-wide figures are not for a token confined to one clinic, even with the scope.
    const confined = await hub.t.admin.createProducerToken({
      name: "clinic a's prometheus",
      scopes: ["metrics:read"],
      clinicId: "clinic-a",
    });
    expect((await scrape(hub, confined.secret)).status).toBe(403);
    const ok = await scrape(hub, operator);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toStartWith("text/plain; version=0.0.4");
  });

  test("after a publish, deliveries and statuses: every metric, real values, no patient data", async () => {
    hub = await startCareTeamHub({ extra: { webhooks: { allowLocalTargets: true } } });
    const operator = (await hub.t.admin.createProducerToken({ name: "prometheus", scopes: ["metrics:read"] })).secret;
    const key = await addDoctor(hub.t, "dr-eve", "clinic-a", `Dr. ${MARKER}`);
    await enrollAgent(hub.t, "dr-eve", "clinic-a", `PC ${MARKER}`); // enrolled, never connected
    const patient = socketUser(hub, await hub.token("pat-1", "patient"), { device: "tablet" });
    await until("the patient is connected", () => patient.socket.connected);
    const body = {
      doctor_id: "dr-eve",
      report: sampleReport(MARKER),
      patient: { name: PATIENT, external_id: `ext-${MARKER}`, opendental_patnum: 987654 },
    };
    const published = await publish(hub.t, hub.producer, body);
    const reportId = PublishReportResponse.parse(await published.json()).id;
    await hub.notify({
      to: { type: "user", clinic_id: "clinic-a", user_id: "pat-1" },
      event: "medical_record_created",
      data: {
        record_id: `rec-${MARKER}`,
        patient_id: "pat-1",
        doctor_id: "dr-eve",
        created_at: "2026-12-02T09:00:00.000Z",
      },
    });
    const first = await openV2(hub.t, key);
    const [delivery] = await nextDeliveries(first.socket, 1);
    first.socket.send(JSON.stringify({ type: "ack", seq: delivery?.seq }));
    first.socket.send(JSON.stringify({ type: "status", status_id: "w1", report_id: reportId, status: "written" }));
    expect(V2StatusAck.parse((await first.socket.next()).json).status_id).toBe("w1");
    first.socket.close();
    const again = await openV2(hub.t, key, delivery?.seq); // a reconnection that resumes
    await until("the notification reached the patient", () =>
      patient.received.some((r) => r.event === "medical_record_created"),
    );
    expect((await scrape(hub, "sofia_wrong_secret")).status).toBe(401); // one refusal to count

    let text = "";
    await until("the deliveries are counted", async () => {
      text = await (await scrape(hub, operator)).text();
      const m = parseMetrics(text);
      return (
        sampleValue(m, "sofia_hub_report_delivery_seconds", { protocol: "v2" }) >= 1 &&
        sampleValue(m, "sofia_hub_notification_delivery_seconds", { transport: "socket.io" }) >= 1
      );
    });
    const m = parseMetrics(text);
    for (const name of HUB_METRICS) expect(m.families.has(name)).toBe(true);
    expect(sampleValue(m, "sofia_hub_reports_published_total")).toBe(1);
    expect(sampleValue(m, "sofia_hub_agents", { clinic: "clinic-a", state: "offline" })).toBe(1);
    expect(sampleValue(m, "sofia_hub_reports", { state: "written" })).toBe(1);
    expect(sampleValue(m, "sofia_hub_report_statuses_total", { status: "written" })).toBe(1);
    expect(sampleValue(m, "sofia_hub_report_written_seconds")).toBe(1);
    expect(sampleValue(m, "sofia_hub_connections", { transport: "socket.io", protocol: "user", role: "patient" })).toBe(
      1,
    );
    expect(sampleValue(m, "sofia_hub_connections", { transport: "ws", protocol: "v2", role: "doctor_key" })).toBe(1);
    expect(
      sampleValue(m, "sofia_hub_auth_failures_total", { channel: "api", reason: "malformed" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(m, "sofia_hub_resumes_total", { transport: "ws", protocol: "v2" })).toBe(1);
    expect(sampleValue(m, "sofia_hub_render_seconds", { kind: "inline" })).toBe(1);
    expect(sampleValue(m, "sofia_hub_store_commit_seconds")).toBeGreaterThan(0);
    // Labels are closed sets and a clinic id: nothing of the report, the patient or the doctor.
    for (const secret of [MARKER, PATIENT, "Zebulon", "987654", "dr-eve", "pat-1", reportId])
      expect(text).not.toContain(secret);
    expect([...(labelValues(m).get("clinic") ?? [])]).toEqual(["clinic-a"]);
    again.socket.close();
    patient.socket.disconnect();
  }, 20_000);

  test("two hubs in one process keep their own counts", async () => {
    hub = await startCareTeamHub();
    const other = await startCareTeamHub();
    try {
      await publish(hub.t, hub.producer, { doctor_id: "dr-ada", report: sampleReport() });
      expect(await other.t.hub.metrics.text()).toContain("sofia_hub_reports_published_total 0");
      expect(await hub.t.hub.metrics.text()).toContain("sofia_hub_reports_published_total 1");
    } finally {
      await other.stop();
    }
  });
});
