/**
 * What issue 13's probe did to the hub, measured: `/healthz` latency while four clients post
 * nearly a megabyte of nested JSON to the anonymous enrollment route in a loop, and 500 bad
 * producer tokens from one address (how long they take, how many are verified, how many audit
 * rows they leave). Run: bun bench/abuse.ts — or copy it into a checkout of 158199f to measure the
 * hub before issue 13.
 */
import { startTestHub } from "../apps/hub/test/support/test-hub.ts";

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * p))] ?? 0;

async function healthSamples(url: string, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    samples.push(performance.now() - start);
  }
  return samples;
}

const t = await startTestHub();
const idle = await healthSamples(t.url, 50);

const nested = `${'{"a":'.repeat(150_000)}1${"}".repeat(150_000)}`; // 900,001 bytes
let stop = false;
let posted = 0;
const flooders = Array.from({ length: 4 }, async () => {
  while (!stop) {
    const response = await fetch(`${t.url}/v1/agents/enroll`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: nested,
    });
    await response.arrayBuffer();
    posted++;
  }
});
await Bun.sleep(200);
const flooded = await healthSamples(t.url, 50);
stop = true;
await Promise.all(flooders);

const auditBefore = (await t.store.audit.recent(100_000)).length;
const start = performance.now();
const statuses: Record<number, number> = {};
for (let i = 0; i < 500; i++) {
  const response = await fetch(`${t.url}/v1/reports/rep_x`, {
    headers: { authorization: `Bearer spt_0123456789abcdef_${String(i).padStart(43, "A")}` },
  });
  await response.arrayBuffer();
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
}
const guessMs = performance.now() - start;
await t.hub.stop(); // flushes what is counted but not yet written
const auditRows = (await t.store.audit.recent(100_000)).length - auditBefore;
await t.store.close();

console.log(`/healthz p50/p95 idle: ${percentile(idle, 0.5).toFixed(1)} / ${percentile(idle, 0.95).toFixed(1)} ms`);
console.log(
  `/healthz p50/p95 while 4 clients post 900 KB of nested JSON to /v1/agents/enroll (${posted} posts): ` +
    `${percentile(flooded, 0.5).toFixed(1)} / ${percentile(flooded, 0.95).toFixed(1)} ms`,
);
console.log(
  `500 bad producer tokens from one address: ${guessMs.toFixed(0)} ms, answers ${JSON.stringify(statuses)}, ` +
    `${auditRows} audit rows`,
);
