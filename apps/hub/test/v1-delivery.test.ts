import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { PublishReportResponse, ReportReadyMessage, ReportTimeline } from "@sofia/protocol";
import { TestSocket } from "@sofia/testing";
import {
  addDoctor,
  addProducer,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
  untilTimelineHas,
} from "./support/test-hub.ts";

describe("report delivery on /reports/ws", () => {
  let t: TestHub;
  let key: string;
  let token: string;

  beforeEach(async () => {
    t = await startTestHub();
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  async function publishOk(marker: string, extra: object = {}) {
    const response = await publish(t, token, { doctor_id: "dr-a", report: sampleReport(marker), ...extra });
    expect(response.status).toBe(202);
    return PublishReportResponse.parse(await response.json());
  }

  test("a report published while the doctor is online arrives as a complete report_ready", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const patient = { name: "Jane Doe", birthdate: "1980-04-02", opendental_patnum: 42 };
    const { id, status } = await publishOk("now", { patient });
    expect(status).toBe("stored");
    const message = ReportReadyMessage.parse((await socket.next()).json);
    expect(message.report_id).toBe(id);
    expect(message.json_report).toEqual(sampleReport("now"));
    expect(message.patient).toEqual(patient);
    expect(message.plaintext_report).toContain("findings now");
    expect(message.html_content).toContain("Jane Doe");
    expect(message.rtf_report).toStartWith("{\\rtf1");
    const docx = await fetch(message.url);
    expect(docx.status).toBe(200);
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // a zip
    socket.close();
  });

  test("reports published while the doctor is offline arrive oldest first right after auth", async () => {
    const ids = [];
    for (const marker of ["one", "two", "three"]) ids.push((await publishOk(marker)).id);
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const received = [];
    for (let i = 0; i < 3; i++) received.push(ReportReadyMessage.parse((await socket.next()).json).report_id);
    expect(received).toEqual(ids);
    socket.close();
  });

  test("an offline doctor's report survives a hub restart and is delivered after auth", async () => {
    const { id } = await publishOk("durable", { patient: { name: "Ana" } });
    await t.restart();
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const message = ReportReadyMessage.parse((await socket.next()).json);
    expect(message.report_id).toBe(id);
    expect(message.json_report.history).toBe("history durable");
    socket.close();
  });

  test("a sent report is not sent again on the next connection", async () => {
    const first = await TestSocket.authenticated(t.wsUrl, key);
    await publishOk("once");
    await first.next();
    first.close();
    await first.closed;
    const second = await TestSocket.authenticated(t.wsUrl, key);
    await second.roundTrip();
    expect(second.buffered).toBe(0);
    second.close();
  });

  test("the timeline shows stored then sent, with the connection, and no report content", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const { id } = await publishOk("secret-text");
    await socket.next();
    await untilTimelineHas(t, id, "sent");
    const response = await fetch(`${t.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const raw = await response.text();
    const timeline = ReportTimeline.parse(JSON.parse(raw));
    expect(timeline.status).toBe("sent");
    expect(timeline.events.map((e) => e.type)).toEqual(["stored", "sent"]);
    expect(timeline.events[1]?.detail.connection).toStartWith("conn_");
    expect(raw).not.toContain("secret-text");
    socket.close();
  });

  test("logs carry ids, never report content or patient names", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const { id } = await publishOk("CONFIDENTIAL-FINDING", { patient: { name: "Zebulon Quarrington" } });
    await socket.next();
    await untilTimelineHas(t, id, "sent");
    const logs = t.logs.join("\n");
    expect(logs).toContain("deliveries sent");
    expect(logs).not.toContain("CONFIDENTIAL-FINDING");
    expect(logs).not.toContain("Zebulon");
    socket.close();
  });

  test("reports for one doctor never reach another doctor's socket", async () => {
    const otherKey = await addDoctor(t, "dr-b", "clinic-b");
    const other = await TestSocket.authenticated(t.wsUrl, otherKey);
    const mine = await TestSocket.authenticated(t.wsUrl, key);
    await publishOk("for-a");
    await mine.next();
    await other.roundTrip();
    expect(other.buffered).toBe(0);
    mine.close();
    other.close();
  });
});
