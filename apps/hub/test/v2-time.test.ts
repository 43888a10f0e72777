import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import {
  HEARTBEAT_INTERVAL_MS,
  PublishReportResponse,
  ReportTimeline,
  V2CloseCode,
  V2Error,
  V2HubPing,
} from "@sofia/protocol";
import { closedWithin, FakeClock } from "@sofia/testing";
import {
  addDoctor,
  addProducer,
  nextDeliveries,
  openV2,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "./support/test-hub.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe("v2 over time: a weekend offline, retention, heartbeat (injected clock)", () => {
  let t: TestHub;
  let clock: FakeClock;
  let key: string;
  let token: string;

  beforeEach(async () => {
    clock = new FakeClock(Date.parse("2026-11-20T17:00:00Z")); // a Friday evening
    t = await startTestHub({ clock });
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  const publishOne = async (marker: string) =>
    PublishReportResponse.parse(
      await (await publish(t, token, { doctor_id: "dr-a", report: sampleReport(marker) })).json(),
    ).id;

  test("Friday's report, published while the laptop is off all weekend, arrives on Monday", async () => {
    const friday = await openV2(t, key); // the clinic's client has connected before: it has a cursor
    friday.socket.close();
    await friday.socket.closed;
    const id = await publishOne("friday");
    clock.advance(2.5 * DAY); // Monday morning
    const monday = await openV2(t, key);
    const [delivery] = await nextDeliveries(monday.socket, 1);
    expect(delivery?.event).toBe("report_ready");
    expect(delivery?.event === "report_ready" && delivery.data.report_id).toBe(id);
    monday.socket.close();
  });

  test("an item past retention (30 days) is delivered as report_expired, and the producer sees it", async () => {
    const first = await openV2(t, key);
    first.socket.close();
    await first.socket.closed;
    const id = await publishOne("old");
    clock.advance(31 * DAY);
    const { socket } = await openV2(t, key);
    const [delivery] = await nextDeliveries(socket, 1);
    expect(delivery).toMatchObject({ seq: 1, event: "report_expired", data: { report_id: id } });
    const timeline = ReportTimeline.parse(
      await (await fetch(`${t.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json(),
    );
    expect(timeline.status).toBe("expired");
    expect(timeline.events.map((e) => e.type)).toEqual(["stored", "expired"]);
    expect(JSON.stringify(delivery)).not.toContain("history old");
    socket.close();
  });

  test("retention counts from publication, not from the last connection", async () => {
    const first = await openV2(t, key);
    first.socket.close();
    await first.socket.closed;
    await publishOne("young");
    clock.advance(29 * DAY);
    const { socket } = await openV2(t, key);
    expect((await nextDeliveries(socket, 1))[0]?.event).toBe("report_ready");
    socket.close();
  });

  test("the hub pings every 25 s and drops a client that stops answering (4002)", async () => {
    const { socket } = await openV2(t, key);
    clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(V2HubPing.parse((await socket.next()).json).ts).toBe(clock.now());
    // No pong: at the next beat the socket has been silent for a whole interval.
    clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(V2Error.parse((await socket.next()).json)).toMatchObject({
      code: V2CloseCode.HEARTBEAT_TIMEOUT,
      advice: "retry",
    });
    expect((await closedWithin(socket, 2000)).code).toBe(V2CloseCode.HEARTBEAT_TIMEOUT);
  });

  test("a client that answers every ping stays connected", async () => {
    const { socket } = await openV2(t, key);
    for (let i = 0; i < 5; i++) {
      clock.advance(HEARTBEAT_INTERVAL_MS);
      const ping = V2HubPing.parse((await socket.next()).json);
      socket.send(JSON.stringify({ type: "pong", ts: ping.ts }));
      await socket.roundTripV2();
    }
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  test("v2 auth must arrive within 10 s (4003)", async () => {
    const { TestSocket } = await import("@sofia/testing");
    const socket = await TestSocket.open(t.v2Url);
    socket.send(JSON.stringify({ type: "ping" }));
    await socket.next();
    clock.advance(10_000);
    expect((await closedWithin(socket, 2000)).code).toBe(V2CloseCode.AUTH_TIMEOUT);
  });
});
