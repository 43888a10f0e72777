import { describe, expect, test } from "bun:test";
import { CAPABILITY_REVISION, type V2Deliver } from "@sofia/protocol";
import { FakeClock, fakeSockets } from "@sofia/testing";
import { type ClientEvent, MemoryCursorStore, SofiaClient, type SofiaClientOptions } from "../src/index.ts";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function welcome(resumeFrom = 0, heartbeatMs = 25_000) {
  return {
    type: "welcome",
    protocol: 2,
    session_id: "conn_1",
    principal: { kind: "agent", doctor_id: "d", clinic_id: "c", credential_id: "sdt_x", agent_id: "agt_1" },
    heartbeat_ms: heartbeatMs,
    resume_from: resumeFrom,
    server_time: "2026-11-20T09:00:00.000Z",
  };
}

function deliver(seq: number) {
  return {
    type: "deliver",
    seq,
    id: `dlv_${seq}`,
    ts: "2026-11-20T09:00:00.000Z",
    event: "report_expired",
    data: { report_id: `rep_${seq}`, created_at: "2026-10-01T09:00:00.000Z", expired_at: "2026-11-20T09:00:00.000Z" },
  };
}

function setup(overrides: Partial<SofiaClientOptions> = {}) {
  const clock = new FakeClock();
  const net = fakeSockets();
  const handled: number[] = [];
  const events: ClientEvent[] = [];
  const cursor = new MemoryCursorStore();
  let url = "ws://hub-a/v2/ws";
  const client = new SofiaClient({
    url: () => url,
    credential: () => "sdt_secret",
    cursor,
    onDelivery: (d: V2Deliver) => {
      handled.push(d.seq);
    },
    onEvent: (e) => events.push(e),
    clock,
    random: () => 0.5,
    createSocket: net.create,
    ...overrides,
  });
  return { clock, net, handled, events, cursor, client, setUrl: (u: string) => (url = u) };
}

describe("SofiaClient", () => {
  test("authenticates with the persisted cursor and its capabilities, processes in order once, acks once caught up", async () => {
    const cursor = new MemoryCursorStore(4);
    const { net, handled, client } = setup({ cursor });
    await client.start();
    net.last.open();
    expect(net.last.sentOfType("auth")).toEqual([
      {
        type: "auth",
        credential: "sdt_secret",
        cursor: 4,
        capabilities: { revision: CAPABILITY_REVISION, events: ["report_ready", "report_expired"] },
      },
    ]);
    net.last.receive(welcome(4));
    expect(client.state).toBe("connected");
    for (const seq of [5, 6, 6, 7]) net.last.receive(deliver(seq));
    await flush();
    expect(handled).toEqual([5, 6, 7]);
    // One cumulative ack for the burst, sent once everything received is handled.
    expect(net.last.sentOfType("ack").map((a) => a.seq)).toEqual([7]);
    expect(client.cursor).toBe(7);
    expect(cursor.load()).toBe(7);
  });

  test("during a long backlog an ack goes out every 32 deliveries, so the hub's window never runs dry", async () => {
    const { net, handled, client } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    for (let seq = 1; seq <= 70; seq++) net.last.receive(deliver(seq));
    await flush();
    expect(handled).toHaveLength(70);
    expect(net.last.sentOfType("ack").map((a) => a.seq)).toEqual([32, 64, 70]);
  });

  test("a seq past the next is a delivery the hub skipped for this client, not a loss: it is handled", async () => {
    const { net, handled, client } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    net.last.receive(deliver(3));
    await flush();
    expect(handled).toEqual([3]);
    expect(net.sockets).toHaveLength(1);
    expect(net.last.sentOfType("ack").map((a) => a.seq)).toEqual([3]);
  });

  test("a delivery of an unknown event is recorded through onUnreadable, acknowledged, and does not block the next", async () => {
    const unreadable: { seq: number; reason: string }[] = [];
    const { net, handled, client } = setup({
      onUnreadable: (d, reason) => void unreadable.push({ seq: d.seq, reason }),
    });
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    net.last.receive({ ...deliver(1), event: "prescription_recalled", data: { anything: [1, 2] } });
    net.last.receive({ ...deliver(2), data: { report_id: 42 } }); // a known event whose data does not validate
    net.last.receive(deliver(3));
    await flush();
    expect(unreadable).toEqual([
      { seq: 1, reason: "unknown event prescription_recalled" },
      { seq: 2, reason: "its report_expired data does not validate" },
    ]);
    expect(handled).toEqual([3]);
    expect(client.cursor).toBe(3);
    expect(net.last.sentOfType("ack").map((a) => a.seq)).toEqual([3]);
    expect(net.sockets).toHaveLength(1);
  });

  test("a message type from a newer hub is ignored, and the connection goes on", async () => {
    const { net, handled, client, events } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    net.last.receive({ type: "weather_report", sky: "clear" });
    net.last.receive(deliver(1));
    await flush();
    expect(events).toContainEqual({ type: "unknown_message", messageType: "weather_report" });
    expect(handled).toEqual([1]);
    expect(net.sockets).toHaveLength(1);
  });

  test("a frame that is not a message at all still makes the client reconnect", async () => {
    const { net, client } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    net.last.receive("not json");
    await flush();
    expect(net.sockets).toHaveLength(2);
  });

  test("a delivery the application could not make safe is not acknowledged", async () => {
    const { net, client } = setup({
      onDelivery: () => {
        throw new Error("disk full");
      },
    });
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    net.last.receive(deliver(1));
    await flush();
    expect(net.last.sentOfType("ack")).toEqual([]);
    expect(net.last.closedWith?.code).toBe(4000);
    expect(client.cursor).toBe(0);
  });

  test("reconnects with jittered backoff after a drop; the endpoint is read at each attempt", async () => {
    const { clock, net, client, setUrl } = setup();
    await client.start();
    net.last.drop(1006);
    expect(client.state).toBe("waiting");
    setUrl("ws://hub-b/v2/ws");
    clock.advance(499); // random 0.5 of the first 1 s ceiling
    expect(net.sockets).toHaveLength(1);
    clock.advance(1);
    expect(net.sockets).toHaveLength(2);
    expect(net.last.url).toBe("ws://hub-b/v2/ws");
    net.last.drop(1006);
    clock.advance(999); // second ceiling is 2 s: half of it is 1000 ms
    expect(net.sockets).toHaveLength(2);
    clock.advance(1);
    expect(net.sockets).toHaveLength(3);
  });

  test("a rejected credential is retried slowly, never in a tight loop", async () => {
    const { clock, net, client, events } = setup();
    await client.start();
    net.last.open();
    net.last.drop(4100, "authentication failed");
    expect(events).toContainEqual(
      expect.objectContaining({ type: "closed", advice: "reauthenticate", retryInMs: 60_000 }),
    );
    clock.advance(59_999);
    expect(net.sockets).toHaveLength(1);
    clock.advance(1);
    expect(net.sockets).toHaveLength(2);
  });

  test("replaced by another device: halted, then a retry after five minutes", async () => {
    const { clock, net, client } = setup();
    await client.start();
    net.last.drop(4201, "replaced");
    expect(client.state).toBe("halted");
    clock.advance(299_999);
    expect(net.sockets).toHaveLength(1);
    clock.advance(1);
    expect(net.sockets).toHaveLength(2);
  });

  test("a hub that stops pinging is abandoned after heartbeat + timeout", async () => {
    const { clock, net, client } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0, 25_000));
    clock.advance(44_000);
    expect(net.sockets).toHaveLength(1);
    clock.advance(2_000);
    expect(net.sockets).toHaveLength(2);
  });

  test("pings are answered and keep the connection", async () => {
    const { clock, net, client } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0, 25_000));
    for (let i = 0; i < 5; i++) {
      clock.advance(25_000);
      net.last.receive({ type: "ping", ts: clock.now() });
    }
    expect(net.sockets).toHaveLength(1);
    expect(net.last.sentOfType("pong")).toHaveLength(5);
  });

  test("a wall-clock jump (sleep) reconnects at once, without waiting for the deadline", async () => {
    const { clock, net, client, events } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    clock.jump(3 * 60 * 60 * 1000);
    clock.advance(2_000); // the next watchdog tick
    expect(events).toContainEqual(expect.objectContaining({ type: "clock_jump" }));
    expect(net.sockets).toHaveLength(2);
    expect(net.sockets[0]?.closedWith?.code).toBe(4000);
  });

  test("statuses are resent on every connection until the hub confirms them", async () => {
    const { net, client } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    let confirmed = false;
    const done = client
      .sendStatus({ reportId: "rep_1", status: "written", target: { system: "opendental", ids: { ProcNum: 9 } } })
      .then(() => {
        confirmed = true;
      });
    expect(net.last.sentOfType("status")).toHaveLength(1);
    client.reconnectNow("test");
    net.last.open();
    net.last.receive(welcome(0));
    expect(net.last.sentOfType("status")).toEqual([
      expect.objectContaining({ status_id: "rep_1:written", report_id: "rep_1", status: "written" }),
    ]);
    net.last.receive({ type: "status_ack", status_id: "rep_1:written" });
    await done;
    expect(confirmed).toBe(true);
  });

  test("resume_from ahead of the cursor (another device handled those) moves the cursor", async () => {
    const { net, handled, client } = setup();
    await client.start();
    net.last.open();
    net.last.receive(welcome(10));
    net.last.receive(deliver(11));
    await flush();
    expect(handled).toEqual([11]);
    expect(client.cursor).toBe(11);
  });

  test("a delivery still being handled while the client reconnects is not handed over twice", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    const { net, client } = setup({
      onDelivery: async (d) => {
        await gate;
        seen.push(d.seq);
      },
    });
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    net.last.receive(deliver(1));
    client.reconnectNow("network change"); // the auth of the new connection still says cursor 0
    net.last.open();
    release();
    net.last.receive(welcome(0));
    net.last.receive(deliver(1)); // the hub resends what it never saw acknowledged
    await flush();
    await flush();
    expect(seen).toEqual([1]);
    expect(net.last.sentOfType("ack").map((a) => a.seq)).toEqual([1]);
  });

  test("a hub that resumes behind the cursor we sent (its store was reset) is believed", async () => {
    const { net, handled, client, events } = setup({ cursor: new MemoryCursorStore(5) });
    await client.start();
    net.last.open();
    net.last.receive(welcome(0));
    net.last.receive(deliver(1));
    await flush();
    expect(handled).toEqual([1]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: "error", message: expect.stringContaining("was it reset") }),
    );
  });

  test("a frame that is not a v2 message reconnects instead of being trusted", async () => {
    const { net, client, events } = setup();
    await client.start();
    net.last.open();
    net.last.receive({ type: "deliver", seq: "one" });
    expect(events).toContainEqual(expect.objectContaining({ type: "error" }));
    expect(net.sockets).toHaveLength(2);
  });
});
