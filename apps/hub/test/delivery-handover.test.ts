import { afterEach, describe, expect, test } from "bun:test";
import type { V2Deliver } from "@sofia/protocol";
import { type TestSocket, until } from "@sofia/testing";
import { doctorRecipient } from "../src/delivery/recipients.ts";
import { FaultyStore } from "./support/faulty-store.ts";
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

/**
 * A publish hands the item it has just stored to the doctor's live connections, which send it
 * without reading it back from the store. What they send must be what a read of the store sends,
 * and anything stored without a hand-over must still arrive, in order.
 */
describe("deliveries handed over by the publish that stored them", () => {
  let t: TestHub;
  let faulty: FaultyStore;
  afterEach(() => t.stop());

  async function start() {
    t = await startTestHub({
      wrapStore: (real) => {
        faulty = new FaultyStore(real);
        return faulty.store;
      },
    });
    return { key: await addDoctor(t, "dr-a"), token: await addProducer(t) };
  }
  const reads = () => faulty.calls.get("mailbox.itemsAfter") ?? 0;
  // Each delivery has its own signed link and its own send time.
  const withoutUrl = (d: V2Deliver | undefined) => ({ ...d, ts: undefined, data: { ...d?.data, url: undefined } });
  const nextReport = async (socket: TestSocket) => (await nextDeliveries(socket, 1))[0];

  test("reach a connected doctor without a read of the store, the same as read from it", async () => {
    const { key, token } = await start();
    const first = await openV2(t, key);
    const handed: V2Deliver[] = [];
    // Passes run one after another: once the first report is delivered, the connection's first
    // pass (which reads the store, finding it empty) is over.
    let readsWhenIdle = 0;
    for (let n = 0; n < 10; n++) {
      expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport(`r${n}`) })).status).toBe(202);
      const delivery = await nextReport(first.socket);
      if (delivery) handed.push(delivery);
      if (n === 0) readsWhenIdle = reads();
    }
    expect(handed.map((d) => d.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reads()).toBe(readsWhenIdle);
    // Nothing was acknowledged: a new connection gets the same ten, read from the store.
    first.socket.close();
    const second = await openV2(t, key);
    const fromStore = await nextDeliveries(second.socket, 10);
    expect(reads()).toBeGreaterThan(readsWhenIdle);
    expect(fromStore.map(withoutUrl)).toEqual(handed.map(withoutUrl));
    second.socket.close();
  });

  /** Stores an item in the doctor's mailbox the way another hub node or a future feature would. */
  async function appendOther(n: number, announce: boolean) {
    await t.store.mailbox.append({
      recipient: doctorRecipient("dr-a"),
      id: `dlv_other_${n}`,
      clinicId: "clinic-a",
      event: "report_expired",
      reportId: null,
      room: null,
      payload: JSON.stringify({
        report_id: `rep_other_${n}`,
        created_at: "2026-01-01T00:00:00.000Z",
        expired_at: "2026-01-02T00:00:00.000Z",
      }),
      createdMs: Date.now(),
    });
    if (announce) t.hub.notifier.notify(doctorRecipient("dr-a"));
  }

  test.each([
    ["announced without its item", true],
    ["not announced at all (a missed wake-up)", false],
  ])("an item stored without a hand-over (%s) is sent before the next handed one", async (_, announce) => {
    const { key, token } = await start();
    const { socket } = await openV2(t, key);
    await socket.roundTripV2();
    await appendOther(1, announce);
    if (announce) expect((await nextReport(socket))?.seq).toBe(1);
    expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport("after") })).status).toBe(202);
    const rest = await nextDeliveries(socket, announce ? 1 : 2);
    expect(rest.map((d) => [d.seq, d.event])).toEqual(
      announce
        ? [[2, "report_ready"]]
        : [
            [1, "report_expired"],
            [2, "report_ready"],
          ],
    );
    socket.close();
  });

  test("handed items left behind a gap are not stranded: the pass reads the store for the gap", async () => {
    // While a pass is busy, report 2 is handed over, item 3 is stored without a wake-up here
    // (another node), and report 4 is handed over. The next pass takes 2; 4 waits past the gap,
    // and only the store has 3.
    let hold = false;
    let held = 0;
    let release: () => void = () => {};
    t = await startTestHub({
      wrapStore: (real) => ({
        ...real,
        mailbox: {
          ...real.mailbox,
          recordSent: async (record) => {
            if (hold) {
              hold = false;
              held++;
              await new Promise<void>((resolve) => {
                release = resolve;
              });
            }
            return real.mailbox.recordSent(record);
          },
        },
      }),
    });
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    const { socket } = await openV2(t, key);
    await socket.roundTripV2();
    hold = true;
    expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport("r1") })).status).toBe(202);
    await until("the pass that sent report 1 is recording it", () => held === 1);
    expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport("r2") })).status).toBe(202);
    await appendOther(3, false);
    expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport("r4") })).status).toBe(202);
    release();
    expect((await nextDeliveries(socket, 4)).map((d) => d.seq)).toEqual([1, 2, 3, 4]);
    socket.close();
  });
});
