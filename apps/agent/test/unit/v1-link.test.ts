import { describe, expect, test } from "bun:test";
import { createLogger } from "@sofia/runtime/log";
import { FakeClock, fakeSockets } from "@sofia/testing";
import { EndpointRotation } from "../../src/connection/endpoint-rotation.ts";
import { StatusBoard } from "../../src/connection/status-board.ts";
import { V1Link } from "../../src/connection/v1-client.ts";
import { Journal } from "../../src/journal/journal.ts";
import { report } from "./fixtures.ts";

function setup(random = () => 0.999) {
  const clock = new FakeClock();
  const net = fakeSockets();
  const board = new StatusBoard();
  const journal = Journal.open(":memory:", () => clock.now());
  let journaled = 0;
  const link = new V1Link({
    journal,
    credential: "doctor-key-123",
    rotation: new EndpointRotation(() => ["wss://hub-a/reports/ws", "wss://hub-b/reports/ws"]),
    board,
    clock,
    log: createLogger({ sinks: [] }),
    onJournaled: () => journaled++,
    // v1's keep-alive is the bare text "ping", which the fake socket (built for JSON) would not parse.
    createSocket: (url) => {
      const socket = net.create(url);
      socket.send = (data: string) => void socket.sent.push(data === "ping" ? data : JSON.parse(data));
      return socket;
    },
    random,
    tuning: {},
  });
  /** Opens the newest socket and answers the auth ping, as an accepting endpoint does. */
  const accept = () => {
    net.last.open();
    net.last.onmessage?.({ data: "pong" });
  };
  /** The delay until the next socket opens, measured on the fake clock. */
  const nextAttemptAfter = () => {
    const before = net.sockets.length;
    const start = clock.now();
    for (let ms = 0; ms <= 400_000; ms += 10) {
      if (net.sockets.length > before) return clock.now() - start;
      clock.advance(10);
    }
    throw new Error("no reconnect");
  };
  return { clock, net, board, journal, link, accept, nextAttemptAfter, journaled: () => journaled };
}

describe("v1 link (the integrators' spec)", () => {
  test("authenticates with the doctor key, is connected on pong, journals reports once", async () => {
    const { net, board, journal, link, accept, journaled } = setup();
    await link.start();
    accept();
    expect(net.last.sent).toEqual([{ doctor_key: "doctor-key-123" }, "ping"]);
    expect(board.status.state).toBe("connected");
    const message = JSON.stringify({ type: "report_ready", ...report("rep_1") });
    net.last.onmessage?.({ data: message });
    net.last.onmessage?.({ data: message });
    expect(journal.counts()).toMatchObject({ received: 1, duplicates: 1 });
    expect(journaled()).toBe(1);
  });

  test("pings every 30 s and reconnects when the endpoint is silent for ping + 20 s", async () => {
    const { clock, net, link, accept } = setup();
    await link.start();
    accept();
    const socket = net.last;
    clock.advance(30_000);
    expect(socket.sent.filter((m) => m === "ping")).toHaveLength(2);
    socket.onmessage?.({ data: "pong" });
    clock.advance(49_000);
    expect(net.sockets).toHaveLength(1);
    clock.advance(3_000); // the next watchdog tick after the 50 s deadline
    expect(net.sockets).toHaveLength(2);
  });

  test("backoff: full jitter under min(60 s, 1 s × 2^n); reset only after a stable minute", async () => {
    const { net, link, accept, nextAttemptAfter } = setup();
    await link.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      net.last.drop(1006);
      delays.push(nextAttemptAfter());
    }
    // random() = 0.999: each delay sits just under its ceiling 1, 2, 4, … 60 s (10 ms clock steps).
    const ceilings = [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000];
    delays.forEach((d, i) => {
      expect(d).toBeLessThanOrEqual(ceilings[i] ?? 0);
      expect(d).toBeGreaterThan((ceilings[i] ?? 0) * 0.99 - 10);
    });
    accept();
    net.last.drop(1006); // up for less than a minute: keeps backing off
    expect(nextAttemptAfter()).toBeGreaterThan(59_000);
  });

  test("after a minute connected the attempt count resets", async () => {
    const { clock, net, link, accept, nextAttemptAfter } = setup();
    await link.start();
    for (let i = 0; i < 5; i++) {
      net.last.drop(1006);
      nextAttemptAfter();
    }
    accept();
    for (let i = 0; i < 3; i++) {
      clock.advance(25_000);
      net.last.onmessage?.({ data: "pong" });
    }
    net.last.drop(1006);
    expect(nextAttemptAfter()).toBeLessThanOrEqual(1000);
  });

  test("a refused key (1008) waits at least 60 s and says so; replaced (4001) pauses 5 min", async () => {
    const { net, board, link, nextAttemptAfter } = setup(() => 0);
    await link.start();
    net.last.open();
    net.last.drop(1008);
    expect(board.status.problem).toContain("refused this PC's credential");
    expect(nextAttemptAfter()).toBeGreaterThanOrEqual(60_000);
    net.last.open();
    net.last.drop(4001);
    expect(board.status.state).toBe("halted");
    expect(board.status.problem).toContain("another device took over");
    expect(nextAttemptAfter()).toBeGreaterThanOrEqual(300_000);
  });

  test("a wall-clock jump (sleep) reconnects at once; a failed endpoint falls through to the next", async () => {
    const { clock, net, link, accept } = setup();
    await link.start();
    net.last.drop(1006);
    clock.advance(1000);
    expect(net.last.url).toBe("wss://hub-b/reports/ws");
    accept();
    clock.jump(3_600_000);
    clock.advance(2000);
    expect(net.sockets).toHaveLength(3);
    expect(net.last.url).toBe("wss://hub-a/reports/ws");
  });
});
