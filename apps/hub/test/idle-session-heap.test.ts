import { heapStats } from "bun:jsc";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { silentLogger } from "@sofia/runtime/log";
import { TestSocket } from "@sofia/testing";
import { addDoctor, openV2, startTestHub, type TestHub } from "./support/test-hub.ts";

const SESSIONS = 100;

/** Objects of each type after full collections. */
function objectTypes(): Record<string, number> {
  Bun.gc(true);
  Bun.gc(true);
  return heapStats().objectTypeCounts;
}

/**
 * What an idle authenticated session keeps, by kind of object (bench/session-heap.ts measures the
 * bytes). Counted after full collections, over a hundred sessions, so the collector's timing does
 * not decide: each kind checked used to be kept once or twice per session (the auth deadline's
 * timer, cancelled but still referenced; the registry's set of the recipient's readers; v2's set
 * of the events the client reads; the pump's map of publish times), and is now not kept at all.
 * The clients are in this process too; they make none of these kinds per socket.
 */
describe("an idle authenticated session", () => {
  let t: TestHub;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestHub({ extra: { log: silentLogger } });
    // Once each, so that what the hub makes once (lazily) is not counted.
    (await openV2(t, await addDoctor(t, "dr-warm-v2"))).socket.close();
    (await TestSocket.authenticated(t.wsUrl, await addDoctor(t, "dr-warm-v1"))).close();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.stop();
  });

  const open = {
    v1: async (key: string) => TestSocket.authenticated(t.wsUrl, key),
    v2: async (key: string) => (await openV2(t, key)).socket,
  };

  test.each(["v1", "v2"] as const)("on %s keeps no timer, no set and no map", async (protocol) => {
    const keys = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => addDoctor(t, `dr-${protocol}-${i}`)));
    const before = objectTypes();
    for (const key of keys) sockets.push(await open[protocol](key));
    const after = objectTypes();
    // Rounded to whole objects per session: other test files in this process may make or release
    // a few of these meanwhile (a fraction per session, either way); a session keeping one is one.
    const perSession = (type: string) => Math.max(0, Math.round(((after[type] ?? 0) - (before[type] ?? 0)) / SESSIONS));
    const kept = Object.fromEntries(["Timeout", "Set", "Map"].map((type) => [type, perSession(type)]));
    expect(kept).toEqual({ Timeout: 0, Set: 0, Map: 0 });
  });
});
