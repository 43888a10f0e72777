import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { verifyWebhookSignature } from "@sofia/client";
import { PublishReportResponse, RegisterWebhookResponse, ReportTimeline, WebhookEvent } from "@sofia/protocol";
import { FakeClock, until } from "@sofia/testing";
import {
  addDoctor,
  addProducer,
  nextDeliveries,
  openV2,
  publish,
  putWebhook,
  sampleReport,
  startTestHub,
  type TestHub,
} from "./support/test-hub.ts";

/** A local receiver that fails its first `failures` calls with 500. */
function receiver(failures: number) {
  const calls: { body: string; signature: string | null; eventId: string | null }[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      calls.push({
        body: await request.text(),
        signature: request.headers.get("sofia-signature"),
        eventId: request.headers.get("sofia-event-id"),
      });
      return new Response(null, { status: calls.length <= failures ? 500 : 204 });
    },
  });
  return { calls, url: `http://127.0.0.1:${server.port}/hooks/sofia`, stop: () => server.stop(true) };
}

describe("producer webhooks", () => {
  let t: TestHub;
  let token: string;
  let key: string;
  // The outbox is driven by hand on a fake clock: each `deliverDue()` is one poll, and retry
  // gaps are exact milliseconds of that clock, not whatever a loaded machine managed.
  let clock: FakeClock;
  const deliverDue = () => t.hub.webhooks.runDue();

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    // A poll interval the fake clock never reaches by itself: polls happen when the test says.
    t = await startTestHub({
      clock,
      // The receivers below listen on loopback: a development set-up the operator allows explicitly.
      extra: {
        pollClock: clock,
        webhooks: { baseDelayMs: 20, pollMs: 3_600_000, maxAttempts: 4, allowLocalTargets: true },
      },
    });
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  const register = async (url: string) => {
    const response = await fetch(`${t.url}/v1/webhook`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ url }),
    });
    expect(response.status).toBe(200);
    return RegisterWebhookResponse.parse(await response.json()).secret;
  };
  const timeline = async (id: string) =>
    ReportTimeline.parse(
      await (await fetch(`${t.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json(),
    );

  test("every status change is POSTed, signed over timestamp and body", async () => {
    const sink = receiver(0);
    const secret = await register(sink.url);
    const { id } = PublishReportResponse.parse(
      await (await publish(t, token, { doctor_id: "dr-a", report: sampleReport("hook") })).json(),
    );
    const { socket } = await openV2(t, key);
    const [delivery] = await nextDeliveries(socket, 1);
    socket.send(JSON.stringify({ type: "ack", seq: delivery?.seq }));
    socket.send(JSON.stringify({ type: "status", status_id: "w", report_id: id, status: "written" }));
    await until("four webhook calls", async () => {
      await deliverDue();
      return sink.calls.length >= 4;
    });
    const events = sink.calls.map((c) => WebhookEvent.parse(JSON.parse(c.body)));
    expect(events.map((e) => e.data.event.type)).toEqual(["stored", "sent", "acknowledged", "written"]);
    expect(events.at(-1)?.data.status).toBe("written");
    for (const call of sink.calls) {
      expect(await verifyWebhookSignature(secret, call.signature, call.body)).toBe(true);
      expect(call.eventId).toStartWith("evt_");
      expect(call.body).not.toContain("history hook"); // status only, never report content
    }
    expect(await verifyWebhookSignature(secret, sink.calls[0]?.signature ?? null, `${sink.calls[0]?.body} `)).toBe(
      false,
    );
    expect(
      await verifyWebhookSignature("whsec_other", sink.calls[0]?.signature ?? null, sink.calls[0]?.body ?? ""),
    ).toBe(false);
    socket.close();
    sink.stop();
  });

  test("a failing webhook is retried with backoff, and each failure is in the timeline", async () => {
    const sink = receiver(2);
    await register(sink.url);
    const { id } = PublishReportResponse.parse(
      await (await publish(t, token, { doctor_id: "dr-a", report: sampleReport() })).json(),
    );
    await deliverDue(); // attempt 1: 500
    clock.advance(19);
    await deliverDue(); // not due yet: 20 ms after the first failure
    expect((await timeline(id)).events.filter((e) => e.type === "webhook_failed")).toHaveLength(1);
    clock.advance(1);
    await deliverDue(); // attempt 2: 500
    clock.advance(40);
    await deliverDue(); // attempt 3: delivered
    const events = (await timeline(id)).events;
    expect(events.map((e) => e.type)).toEqual(["stored", "webhook_failed", "webhook_failed", "webhook_delivered"]);
    expect(events[1]?.detail).toMatchObject({ attempt: 1, error: "HTTP 5xx", gave_up: false });
    expect(events[3]?.detail).toMatchObject({ attempt: 3 });
    const gaps = [
      Date.parse(events[2]?.at ?? "") - Date.parse(events[1]?.at ?? ""),
      Date.parse(events[3]?.at ?? "") - Date.parse(events[2]?.at ?? ""),
    ];
    expect(gaps).toEqual([20, 40]);
    expect(events.filter((e) => e.type === "stored")).toHaveLength(1);
    sink.stop();
  });

  test("an unreachable webhook is given up after the last attempt, visibly", async () => {
    await register("http://127.0.0.1:9/unreachable");
    const { id } = PublishReportResponse.parse(
      await (await publish(t, token, { doctor_id: "dr-a", report: sampleReport() })).json(),
    );
    for (const wait of [0, 20, 40, 80]) {
      clock.advance(wait);
      await deliverDue();
    }
    const last = (await timeline(id)).events.at(-1);
    // "no answer", never the socket's error: refused and timed out must look alike to a producer.
    expect(last?.detail).toEqual({ attempt: 4, error: "no answer", gave_up: true });
    // Given up: however much later the outbox is polled, no fifth attempt.
    clock.advance(24 * 3_600_000);
    await deliverDue();
    expect((await timeline(id)).events.filter((e) => e.type === "webhook_failed")).toHaveLength(4);
  });

  test("a URL with a user name is refused: http://localhost:80@evil.example/ would call evil.example", async () => {
    const response = await putWebhook(t, token, "http://localhost:80@evil.example/h");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { fields: { url: ["must not contain a user name or password"] } },
    });
    const stored = await fetch(`${t.url}/v1/webhook`, { headers: { authorization: `Bearer ${token}` } });
    expect(stored.status).toBe(404);
  });
});

describe("webhooks without the operator's local-targets setting", () => {
  let t: TestHub;
  let token: string;
  beforeEach(async () => {
    t = await startTestHub();
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  test("webhook URLs must be https", async () => {
    const response = await putWebhook(t, token, "http://example.com/hook");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { fields: { url: [expect.stringContaining("must be https")] } },
    });
  });

  test("a loopback receiver is refused at registration", async () => {
    const response = await putWebhook(t, token, "https://127.0.0.1:9/hook");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { fields: { url: [expect.stringContaining("is a loopback address")] } },
    });
  });
});
