import { afterEach, describe, expect, test } from "bun:test";
import { MemoryCursorStore, SofiaClient } from "@sofia/client";
import { type DeliverUnknown, PublishReportResponse, type V2Deliver, V2Welcome } from "@sofia/protocol";
import { TestSocket, until } from "@sofia/testing";
import { doctorRecipient } from "../src/delivery/recipients.ts";
import { LegacyClient } from "./support/legacy-client.ts";
import {
  addDoctor,
  addProducer,
  enrollAgent,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "./support/test-hub.ts";

describe("a new kind of delivery never strands a client that cannot read it", () => {
  let t: TestHub;
  afterEach(() => t.stop());

  /** Puts an item of an event no installed agent knows into the doctor's mailbox, as a future hub would. */
  async function appendFutureEvent(n: number) {
    await t.store.mailbox.append({
      recipient: doctorRecipient("dr-a"),
      id: `dlv_future_${n}`,
      clinicId: "clinic-a",
      event: "future_event",
      reportId: null,
      room: null,
      payload: JSON.stringify({ n }),
      createdMs: Date.now(),
    });
    t.hub.notifier.notify(doctorRecipient("dr-a"));
  }

  test("an old client (no capabilities) and a new one share a mailbox while a new event type is published", async () => {
    t = await startTestHub();
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    const { device_token } = await enrollAgent(t, "dr-a");
    const reports: string[] = [];
    const publishReport = async (n: number) => {
      const response = await publish(t, token, { doctor_id: "dr-a", report: sampleReport(`r${n}`) });
      reports.push(PublishReportResponse.parse(await response.json()).id);
    };

    // The old client reads the doctor's mailbox with the doctor key; the new one is the agent,
    // which says it also reads `future_event`.
    const legacy = new LegacyClient(t.v2Url, key);
    legacy.start();
    const handled: string[] = [];
    const unreadable: DeliverUnknown[] = [];
    const agent = new SofiaClient({
      url: () => t.v2Url,
      credential: () => device_token,
      cursor: new MemoryCursorStore(),
      events: ["report_ready", "report_expired", "future_event"],
      onDelivery: (d: V2Deliver) => void handled.push(d.event === "report_ready" ? d.data.report_id : d.event),
      onUnreadable: (d) => void unreadable.push(d),
      backoff: { minMs: 10, maxMs: 50, stableMs: 60_000 },
    });
    await agent.start();

    await publishReport(1); // seq 1
    await until("the old client has the first report", () => legacy.handled.length === 1);
    await appendFutureEvent(1); // seq 2: the old client is connected when it arrives
    await publishReport(2); // seq 3
    await appendFutureEvent(2); // seq 4
    await appendFutureEvent(3); // seq 5
    await publishReport(3); // seq 6

    await until("the old client has every report", () => legacy.handled.length === 3);
    await until("the agent has every delivery", () => handled.length + unreadable.length === 6);
    const cursorOf = async (consumer: string) => (await t.store.mailbox.cursor(consumer))?.ackedSeq;
    await until(
      "both cursors reach the head",
      async () => (await cursorOf("doctor:dr-a")) === 6 && (await cursorOf("agents:dr-a")) === 6,
    );
    legacy.stop();
    agent.stop();

    // The old client got each report once, in order, and was never wedged: it was asked to
    // reconnect (4004) past the deliveries it cannot read, which the hub acknowledged for it.
    expect(legacy.handled.map((d) => (d.event === "report_ready" ? d.data.report_id : d.event))).toEqual(reports);
    expect(legacy.closes.filter((c) => c !== 4004)).toEqual([]);
    expect(legacy.closes.length).toBeGreaterThan(0);
    // Nothing was lost for the client that reads the new event: it got all six, in seq order.
    expect(handled).toEqual(reports);
    expect(unreadable.map((d) => d.seq)).toEqual([2, 4, 5]);
    // A report's timeline says who acknowledged it.
    for (const id of reports) {
      const consumers = (await t.store.reports.timeline(id))
        .filter((e) => e.type === "acknowledged")
        .map((e) => e.detail.consumer);
      expect(consumers.sort()).toEqual(["agents:dr-a", "doctor:dr-a"]);
    }
  }, 20_000);

  test("a revision-1 client that does not read an event is never sent it: the hub skips and acknowledges for it", async () => {
    t = await startTestHub();
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    await appendFutureEvent(1);
    await publish(t, token, { doctor_id: "dr-a", report: sampleReport("after") });
    await appendFutureEvent(2);
    const socket = await TestSocket.open(t.v2Url);
    socket.send(
      JSON.stringify({ type: "auth", credential: key, capabilities: { revision: 1, events: ["report_ready"] } }),
    );
    const welcome = V2Welcome.parse((await socket.next()).json);
    expect(welcome.capabilities).toEqual({ revision: 1, events: ["report_ready"] });
    const delivery = (await socket.next()).json;
    expect(delivery).toMatchObject({ type: "deliver", seq: 2, event: "report_ready" });
    socket.send(JSON.stringify({ type: "ack", seq: 2 }));
    await until("the hub acknowledged the trailing item for the client", async () => {
      return (await t.store.mailbox.cursor("doctor:dr-a"))?.ackedSeq === 3;
    });
    await socket.roundTripV2();
    expect(socket.buffered).toBe(0);
    socket.close();
  });

  test("an old client that connects with unreadable items next in line starts after them, without a reconnect", async () => {
    t = await startTestHub();
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    await appendFutureEvent(1);
    await appendFutureEvent(2);
    const response = await publish(t, token, { doctor_id: "dr-a", report: sampleReport("x") });
    const id = PublishReportResponse.parse(await response.json()).id;
    const legacy = new LegacyClient(t.v2Url, key);
    legacy.start();
    await until("the report arrives", () => legacy.handled.length === 1);
    legacy.stop();
    expect(legacy.connections).toBe(1);
    expect(legacy.handled[0]).toMatchObject({ seq: 3, data: { report_id: id } });
  });
});
