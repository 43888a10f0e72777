import { afterEach, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { type CareTeamHub, startCareTeamHub, v2User } from "./support/care-team-hub.ts";
import { enrollAgent, nextDeliveries, openV2, publish, sampleReport } from "./support/test-hub.ts";

// The doctor's web app follows each report to the clinic: what the agent says it did with it
// (`held` and why, `written` on which ids) reaches the doctor's inbox as `report_status_changed`.

let hub: CareTeamHub | null = null;
afterEach(async () => {
  await hub?.stop();
  hub = null;
});

test("the agent's statuses reach the doctor's web app, once each, with reason and target", async () => {
  hub = await startCareTeamHub();
  const doctor = v2User(hub, await hub.token("dr-ada", "doctor"));
  await doctor.client.start();
  const agent = await enrollAgent(hub.t, "dr-ada");
  const { socket } = await openV2(hub.t, agent.device_token);
  const response = await publish(hub.t, hub.producer, { doctor_id: "dr-ada", report: sampleReport() });
  const { id } = (await response.json()) as { id: string };
  const [delivery] = await nextDeliveries(socket, 1);
  expect(delivery?.event).toBe("report_ready");
  const status = (status_id: string, extra: object) =>
    socket.send(JSON.stringify({ type: "status", status_id, report_id: id, ...extra }));
  status("s1", { status: "held", reason: "no patient in the chair" });
  status("s1", { status: "held", reason: "no patient in the chair" }); // a resend is no news
  status("s2", { status: "written", target: { system: "opendental", ids: { PatNum: 12, ProcNum: 7 } } });
  const changes = () => doctor.deliveries.filter((d) => d.event === "report_status_changed");
  await until("both statuses reach the doctor", () => changes().length === 2);
  expect(changes().map((d) => d.data)).toMatchObject([
    { report_id: id, status: "held", reason: "no patient in the chair" },
    { report_id: id, status: "written", target: { system: "opendental", ids: { PatNum: 12 } } },
  ]);
  // Acknowledging these inbox items is not the report's acknowledgement: only the agent's counts.
  const timeline = await hub.t.store.reports.timeline(id);
  expect(timeline.filter((e) => e.type === "held" || e.type === "written")).toHaveLength(2);
  socket.close();
  doctor.client.stop();
});
