import { afterEach, describe, expect, test } from "bun:test";
import { type ClientEvent, MemoryCursorStore, SofiaClient } from "@sofia/client";
import { PublishReportResponse, type V2Deliver } from "@sofia/protocol";
import { until } from "@sofia/testing";
import { databasePath } from "../src/config.ts";
import { addDoctor, addProducer, publish, sampleReport, startTestHub, type TestHub } from "./support/test-hub.ts";

/**
 * The longest event-loop stall tolerated while another process holds the write lock for 1,500 ms:
 * the bound. With the other core busy (a second process spinning) the worst seen in ten
 * runs was 12 ms; only a machine oversubscribed several times over (load 8 on 2 cores) passed
 * 50 ms (52–63 ms). A loop blocked on the lock stalls for the whole 1,500 ms.
 */
const STALL_BOUND_MS = 50;

/** Starts another process holding the hub database's write lock for `ms`; resolves once it holds it. */
async function holdLock(t: TestHub, ms: number) {
  const proc = Bun.spawn(
    [process.execPath, `${import.meta.dir}/support/hold-lock.ts`, databasePath(t.dataDir), String(ms)],
    {
      stdout: "pipe",
      stderr: "inherit",
    },
  );
  const reader = proc.stdout.getReader();
  const { value } = await reader.read();
  expect(new TextDecoder().decode(value)).toContain("locked");
  reader.releaseLock();
  return proc;
}

/** Records the longest gap between ticks of a 2 ms interval: how long the event loop was blocked. */
function stallMeter() {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 2);
    last = now;
  }, 2);
  return {
    stop() {
      clearInterval(timer);
      return worst;
    },
  };
}

describe("another process holding the database lock", () => {
  let t: TestHub | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  async function setup(busyGiveUpMs?: number) {
    t = await startTestHub(busyGiveUpMs === undefined ? {} : { storeOptions: { busyGiveUpMs } });
    const hub = t;
    const key = await addDoctor(hub, "dr-a");
    const token = await addProducer(hub);
    const handled: V2Deliver[] = [];
    const events: ClientEvent[] = [];
    const cursor = new MemoryCursorStore();
    const connect = async () => {
      const client = new SofiaClient({
        url: () => hub.v2Url,
        credential: () => key,
        cursor,
        onDelivery: (d) => void handled.push(d),
        onEvent: (e) => events.push(e),
        backoff: { minMs: 10, maxMs: 50, stableMs: 60_000 },
      });
      await client.start();
      return client;
    };
    const client = await connect();
    await until("connected", () => client.state === "connected");
    const publishOne = (n: number) =>
      publish(hub, token, { doctor_id: "dr-a", idempotency_key: `k${n}`, report: sampleReport(`r${n}`) });
    return { hub, client, connect, handled, events, publishOne };
  }

  test(`stalls the event loop for less than ${STALL_BOUND_MS} ms while publishes and acks wait their turn`, async () => {
    const { hub, client, handled, publishOne } = await setup();
    await (await publishOne(0)).json();
    await until("the first report is handled", () => handled.length === 1);
    const lock = await holdLock(hub, 1500);
    const meter = stallMeter();
    const health: number[] = [];
    const publishes = [1, 2, 3, 4, 5].map(publishOne);
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
      health.push(performance.now() - started);
      await Bun.sleep(50);
    }
    const responses = await Promise.all(publishes);
    expect(await lock.exited).toBe(0);
    const stall = meter.stop();
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const ids = await Promise.all(responses.map(async (r) => PublishReportResponse.parse(await r.json()).id));
    await until("every report is handled", () => handled.length === 6);
    await until(
      "the stored cursor catches up",
      async () => (await hub.store.mailbox.cursor("doctor:dr-a"))?.ackedSeq === 6,
    );
    expect(handled.slice(1).map((d) => (d.event === "report_ready" ? d.data.report_id : ""))).toEqual(ids);
    client.stop();
    console.log(
      `lock held 1500 ms by another process: worst event-loop stall ${stall.toFixed(1)} ms, ` +
        `/healthz worst ${Math.max(...health).toFixed(1)} ms`,
    );
    expect(stall).toBeLessThan(STALL_BOUND_MS);
    expect(Math.max(...health)).toBeLessThan(STALL_BOUND_MS);
  }, 30_000);

  test("held past the retry budget: the producer gets 503, the socket closes with 1011, and nothing is lost", async () => {
    const { hub, client, connect, handled, events, publishOne } = await setup(200);
    expect((await publishOne(0)).status).toBe(202);
    await until("the first report is handled", () => handled.length === 1);
    client.stop();
    expect((await publishOne(1)).status).toBe(202); // waits in the mailbox: nobody is connected
    const lock = await holdLock(hub, 800);
    // Reconnecting reads fine under the lock, but recording the delivery cannot be written: the
    // session must end with 1011 rather than go on with a cursor the store never took.
    const again = await connect();
    const refused = await publishOne(2);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    await until("the hub closed the socket with 1011", () =>
      events.some((e) => e.type === "closed" && e.code === 1011),
    );
    expect(await lock.exited).toBe(0);
    expect((await publishOne(2)).status).toBe(202);
    await until("every report is handled", () => handled.length === 3);
    await until(
      "the stored cursor catches up",
      async () => (await hub.store.mailbox.cursor("doctor:dr-a"))?.ackedSeq === 3,
    );
    again.stop();
    expect(handled.map((d) => d.seq)).toEqual([1, 2, 3]);
    const busy = (msg: string) => hub.logs.some((l) => l.includes(msg) && l.includes('"code":"SQLITE_BUSY"'));
    expect(busy("store unavailable")).toBe(true);
    expect(busy("session failed")).toBe(true);
  }, 30_000);
});
