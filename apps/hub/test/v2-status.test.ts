import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { PublishReportResponse, ReportTimeline, V2Error, V2StatusAck } from "@sofia/protocol";
import {
  addDoctor,
  addProducer,
  openV2,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "./support/test-hub.ts";

describe("v2 status messages", () => {
  let t: TestHub;
  let key: string;
  let token: string;
  let reportId: string;

  beforeEach(async () => {
    t = await startTestHub();
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
    const response = await publish(t, token, { doctor_id: "dr-a", report: sampleReport() });
    reportId = PublishReportResponse.parse(await response.json()).id;
  });
  afterEach(() => t.stop());

  const timeline = async () =>
    ReportTimeline.parse(
      await (await fetch(`${t.url}/v1/reports/${reportId}`, { headers: { authorization: `Bearer ${token}` } })).json(),
    );

  test("received, held, then written with Open Dental ids land in the timeline, each confirmed", async () => {
    const { socket } = await openV2(t, key);
    await socket.next(); // the delivery
    const statuses = [
      { status_id: "s1", status: "received" },
      { status_id: "s2", status: "held", reason: "two patients named Jane Doe" },
      { status_id: "s3", status: "written", target: { system: "opendental", ids: { ProcNum: 812, PatNum: 42 } } },
    ];
    for (const s of statuses) {
      socket.send(JSON.stringify({ type: "status", report_id: reportId, ...s }));
      expect(V2StatusAck.parse((await socket.next()).json).status_id).toBe(s.status_id);
    }
    const result = await timeline();
    expect(result.status).toBe("written");
    expect(result.events.map((e) => e.type)).toEqual(["stored", "sent", "received", "held", "written"]);
    expect(result.events[3]?.detail.reason).toBe("two patients named Jane Doe");
    expect(result.events[4]?.detail).toMatchObject({ system: "opendental", "id.ProcNum": 812, "id.PatNum": 42 });
    socket.close();
  });

  test("a resent status (same status_id) is confirmed again and recorded once", async () => {
    const { socket } = await openV2(t, key);
    await socket.next();
    for (let i = 0; i < 3; i++) {
      socket.send(JSON.stringify({ type: "status", status_id: "w1", report_id: reportId, status: "written" }));
      expect(V2StatusAck.parse((await socket.next()).json).status_id).toBe("w1");
    }
    expect((await timeline()).events.filter((e) => e.type === "written")).toHaveLength(1);
    socket.close();
  });

  test("status never moves backwards: a late received after written keeps written", async () => {
    const { socket } = await openV2(t, key);
    await socket.next();
    for (const status of ["written", "received"]) {
      socket.send(JSON.stringify({ type: "status", status_id: status, report_id: reportId, status }));
      await socket.next();
    }
    expect((await timeline()).status).toBe("written");
    socket.close();
  });

  test("a status about another doctor's report is refused like an unknown report", async () => {
    const otherKey = await addDoctor(t, "dr-b", "clinic-b");
    const { socket } = await openV2(t, otherKey);
    socket.send(JSON.stringify({ type: "status", status_id: "x", report_id: reportId, status: "written" }));
    expect(V2Error.parse((await socket.next()).json)).toMatchObject({
      fatal: false,
      message: `unknown report "${reportId}"`,
    });
    expect((await timeline()).status).toBe("stored");
    socket.close();
  });

  test("held and failed need a reason", async () => {
    const { socket } = await openV2(t, key);
    await socket.next();
    socket.send(JSON.stringify({ type: "status", status_id: "h", report_id: reportId, status: "held" }));
    expect(V2Error.parse((await socket.next()).json).message).toContain("reason: held and failed need a reason");
    socket.close();
  });
});
