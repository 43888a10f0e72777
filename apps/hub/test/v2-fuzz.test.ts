import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { TestSocket, until } from "@sofia/testing";
import fc from "fast-check";
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

/** Frames a confused or hostile client might send: garbage, JSON, and near-valid v2 messages. */
const frame = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        type: fc.constantFrom("auth", "ack", "status", "ping", "pong", "deliver", "welcome", "", "AUTH"),
        seq: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
        cursor: fc.oneof(fc.integer(), fc.constant(-1), fc.constant(Number.MAX_SAFE_INTEGER), fc.string()),
        credential: fc.oneof(
          fc.string(),
          fc.constant("sdk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ),
        status_id: fc.string(),
        report_id: fc.string(),
        status: fc.constantFrom("received", "written", "held", "failed", "lost"),
        reason: fc.string(),
        target: fc.anything({ maxDepth: 2 }),
      },
      { requiredKeys: ["type"] },
    )
    .map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 64 }),
);

describe("fuzzed v2 frames", () => {
  let t: TestHub;
  let key: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestHub();
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
    await publish(t, token, { doctor_id: "dr-a", report: sampleReport() });
  });
  afterAll(() => t.stop());

  // Whether memory grows is measured by bench/v2-session-memory.ts: a heap threshold here would
  // pass or fail with the collector's timing. What must be empty after every session is checked.
  test("never crash the hub, never leave sockets or registrations behind", async () => {
    const session = async (authenticate: boolean, frames: (string | Uint8Array)[]) => {
      const socket = authenticate ? (await openV2(t, key)).socket : await TestSocket.open(t.v2Url);
      for (const f of frames) socket.send(f);
      socket.close();
      await socket.closed;
    };
    const run = () =>
      fc.assert(fc.asyncProperty(fc.boolean(), fc.array(frame, { minLength: 1, maxLength: 8 }), session), {
        numRuns: 150,
      });
    await run();
    // The hub sees a close a moment after the client does.
    await until("the hub closed every session", () => t.hub.openSockets() === 0);
    expect(t.hub.registry.size).toBe(0);
    // The hub still serves, and still delivers.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const { socket } = await openV2(t, key, 0);
    await publish(t, token, { doctor_id: "dr-a", report: sampleReport("after fuzz") });
    // A fuzzed ack may have moved the cursor past the first report, so it may or may not come first.
    let [delivery] = await nextDeliveries(socket, 1);
    if (delivery?.seq === 1) [delivery] = await nextDeliveries(socket, 1);
    expect(delivery?.event === "report_ready" && delivery.data.json_report.history).toBe("history after fuzz");
    socket.close();
  }, 60_000);
});
