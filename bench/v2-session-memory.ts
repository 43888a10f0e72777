/**
 * Heap retained per v2 session: opens and closes batches of short sessions (half authenticated,
 * each sending a few garbage frames) against an in-process hub, and prints the heap after a full
 * GC following each batch. A leak shows as growth proportional to the sessions; GC noise as a
 * flat wobble. This is a measurement, not a test: the heap depends on when the collector runs, so
 * the fuzz test (apps/hub/test/v2-fuzz.test.ts) checks what must be empty instead.
 * Run: bun bench/v2-session-memory.ts
 */
import { TestSocket } from "@sofia/testing";
import { addDoctor, openV2, startTestHub } from "../apps/hub/test/support/test-hub.ts";

const BATCHES = 6;
const SESSIONS = 200;
const t = await startTestHub();
const key = await addDoctor(t, "dr-bench");
const frames = ["garbage", '{"type":"ack","seq":"x"}', '{"type":"status"}', new Uint8Array([1, 2, 3])];
const heapMiB = () => {
  Bun.gc(true);
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const start = heapMiB();
console.log(`batch  sessions  heap MiB  growth since start`);
for (let batch = 1; batch <= BATCHES; batch++) {
  for (let i = 0; i < SESSIONS; i++) {
    const socket = i % 2 === 0 ? (await openV2(t, key)).socket : await TestSocket.open(t.v2Url);
    for (const f of frames) socket.send(f);
    socket.close();
    await socket.closed;
  }
  const heap = heapMiB();
  console.log(
    `${String(batch).padStart(5)}  ${String(batch * SESSIONS).padStart(8)}  ${heap.toFixed(1).padStart(8)}  ${(heap - start).toFixed(1).padStart(8)}`,
  );
}
console.log(`open sockets after: ${t.hub.openSockets()}, registry: ${t.hub.registry.size}`);
await t.stop();
