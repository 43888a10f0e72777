/**
 * What one idle authenticated session holds in the hub's JavaScript heap: an in-process hub
 * (silent logger, so log lines are not counted), 2,000 sessions opened by the harness's load
 * generator in its own process (so the client sockets are not counted either), full GCs before
 * and after, and the difference per session in bytes, objects and object types. RSS per
 * connection (docs/benchmarks.md) also counts Bun's socket memory and garbage not yet collected.
 * Run: bun bench/session-heap.ts v2   (or v1)
 */
import { heapStats } from "bun:jsc";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { silentLogger } from "@sofia/runtime/log";
import { addDoctor, startTestHub } from "../apps/hub/test/support/test-hub.ts";
import { runLoadgen } from "./harness/spawn-loadgen.ts";

const SESSIONS = 2000;
const kind = process.argv[2] === "v1" ? "v1" : "v2";
const t = await startTestHub({ extra: { log: silentLogger } });
const keys: string[] = [];
for (let i = 0; i < SESSIONS; i += 250)
  keys.push(...(await Promise.all(Array.from({ length: 250 }, (_, j) => addDoctor(t, `dr-${i + j}`)))));
const secretsFile = join(t.dataDir, "secrets.json");
writeFileSync(secretsFile, JSON.stringify({ keys, producer: "unused" }), { mode: 0o600 });
const collected = () => {
  Bun.gc(true);
  Bun.gc(true);
  return heapStats();
};

// A first round, so that what the hub makes once (lazily) is in the baseline.
await runLoadgen({ job: "connect", kind, url: t.url, secretsFile, count: 50 });
const before = collected();
await runLoadgen({ job: "connect", kind, url: t.url, secretsFile, count: SESSIONS, hold: true }, async () => {
  await Bun.sleep(1000); // v1 answers nothing to auth: let the last ones finish
  const after = collected();
  const per = (a: number, b: number) => ((a - b) / SESSIONS).toFixed(1);
  console.log(
    `${kind}: ${per(after.heapSize, before.heapSize)} bytes and ${per(after.objectCount, before.objectCount)} objects of heap per session`,
  );
  const types = Object.entries(after.objectTypeCounts)
    .map(([type, n]) => [type, (n - (before.objectTypeCounts[type] ?? 0)) / SESSIONS] as const)
    .filter(([, n]) => n >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  console.log(types.map(([type, n]) => `${type} ${n.toFixed(1)}`).join(", "));
  return "close";
});
await t.stop();
