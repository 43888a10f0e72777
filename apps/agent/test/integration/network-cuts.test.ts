import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { useHubAndAgent } from "../support/hub-fixture.ts";
import { journaledIds, untilJournaled } from "../support/journal-checks.ts";
import { publishMany } from "../support/publisher.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";

const DELIVER = new TextEncoder().encode('"type":"deliver"');

/**
 * Whether a chunk from the hub carries a delivery: its text shows it, or, when the hub compresses
 * frames of a kilobyte and more (`--compress-frames`; permessage-deflate, which the agent
 * negotiates), the frame's RSV1 bit says it is compressed — only deliveries are that large.
 */
function isDelivery(chunk: Uint8Array): boolean {
  return Buffer.from(chunk).includes(DELIVER) || ((chunk[0] ?? 0) & 0x40) !== 0;
}

describe("connections cut by the network in the middle of a delivery", () => {
  const s = useHubAndAgent("dr-n", "clinic-n");
  let proxy: TcpProxy;

  beforeEach(async () => {
    proxy = new TcpProxy(s.hub.hub.port);
    await s.enroll(`http://127.0.0.1:${proxy.port}`);
  });
  afterEach(() => proxy.stop());

  test("a delivery cut half-way is resent and journaled once", async () => {
    const agent = await s.home.start();
    await until("connected", () => agent.board.status.state === "connected");
    let delivers = 0;
    // Every other deliver frame is cut in half, five times.
    proxy.cutRule = (chunk) => isDelivery(chunk) && ++delivers % 2 === 1 && proxy.cuts < 5;
    // One report at a time, so each deliver frame travels alone and the cuts are deterministic.
    const ids = await publishMany(s.hub, s.producer, "dr-n", 20, (_, id) =>
      until(`${id} journaled`, () => agent.journal.get(id) !== null),
    );
    expect(proxy.cuts).toBe(5);
    expect(journaledIds(agent)).toEqual([...ids].sort());
    await agent.settled();
    expect(agent.journal.counts().held).toBe(20);
  }, 30_000);

  test("a lost acknowledgement is made good by the cursor in the next auth; nothing is journaled twice", async () => {
    const agent = await s.home.start();
    await until("connected", () => agent.board.status.state === "connected");
    let armed = false;
    // After a deliver frame reaches the agent, its next frame (the ack) is dropped with the connection.
    proxy.cutRule = (chunk) => {
      if (isDelivery(chunk) && proxy.cuts < 3) armed = true;
      return false;
    };
    proxy.clientCutRule = () => {
      if (!armed) return false;
      armed = false;
      return true;
    };
    const ids = await publishMany(s.hub, s.producer, "dr-n", 6);
    await untilJournaled(agent, ids, 20_000);
    // The agent's next auth carries its journal cursor, so the hub records the lost acks.
    await until("hub recorded every ack", async () => {
      for (const id of ids) {
        if (!(await s.hub.store.reports.timeline(id)).some((e) => e.type === "acknowledged")) return false;
      }
      return true;
    });
    expect(proxy.cuts).toBeGreaterThanOrEqual(1);
    expect(journaledIds(agent)).toEqual([...ids].sort());
  }, 30_000);
});
