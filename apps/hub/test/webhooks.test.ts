import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { verifyWebhookSignature } from "@sofia/client";
import { PublishReportResponse, RegisterWebhookResponse, ReportTimeline, WebhookEvent } from "@sofia/protocol";
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

async function until(check: () => boolean | Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await Bun.sleep(10);
  }
}

describe("producer webhooks", () => {
  let t: TestHub;
  let token: string;
  let key: string;

  beforeEach(async () => {
    // The receivers below listen on loopback: a development set-up the operator allows explicitly.
    t = await startTestHub({
      extra: { webhooks: { baseDelayMs: 20, pollMs: 10, maxAttempts: 4, allowLocalTargets: true } },
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
    await until(() => sink.calls.length >= 4);
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
    await until(async () => (await timeline(id)).events.some((e) => e.type === "webhook_delivered"));
    const events = (await timeline(id)).events;
    expect(events.map((e) => e.type)).toEqual(["stored", "webhook_failed", "webhook_failed", "webhook_delivered"]);
    expect(events[1]?.detail).toMatchObject({ attempt: 1, error: "HTTP 5xx", gave_up: false });
    expect(events[3]?.detail).toMatchObject({ attempt: 3 });
    const gaps = [
      Date.parse(events[2]?.at ?? "") - Date.parse(events[1]?.at ?? ""),
      Date.parse(events[3]?.at ?? "") - Date.parse(events[2]?.at ?? ""),
    ];
    expect(gaps[0]).toBeGreaterThanOrEqual(20);
    expect(gaps[1]).toBeGreaterThanOrEqual(40);
    expect(events.filter((e) => e.type === "stored")).toHaveLength(1);
    sink.stop();
  });

  test("an unreachable webhook is given up after the last attempt, visibly", async () => {
    await register("http://127.0.0.1:9/unreachable");
    const { id } = PublishReportResponse.parse(
      await (await publish(t, token, { doctor_id: "dr-a", report: sampleReport() })).json(),
    );
    await until(async () => (await timeline(id)).events.filter((e) => e.type === "webhook_failed").length === 4);
    const last = (await timeline(id)).events.at(-1);
    // "no answer", never the socket's error: refused and timed out must look alike to a producer.
    expect(last?.detail).toEqual({ attempt: 4, error: "no answer", gave_up: true });
    await Bun.sleep(200);
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
