/**
 * The render pool under the load issue 13 found: twenty clients downloading one DOCX link over
 * and over (links need no credentials) while a producer publishes small reports and one of the
 * largest a hub accepts. Side by side, on real hubs over HTTP: one worker without a cache (the
 * pool before issue 13, except that its queue already serves publishes first), the pool sized to
 * the machine without a cache, and the pool with its DOCX cache (the default).
 * Run: bun bench/render-pool.ts
 *
 * Even "one worker, no cache" coalesces concurrent downloads of one document into one rendering.
 * To measure the pool as it was before issue 13, copy this file into a checkout of commit 158199f
 * and run it there: that hub ignores the options below, so every row measures its single FIFO
 * worker.
 */
import { availableParallelism } from "node:os";
import { MAX_REPORT_TEXT_CHARS, PublishReportResponse } from "@sofia/protocol";
import type { HubOptions } from "../apps/hub/src/hub.ts";
import {
  addDoctor,
  addProducer,
  nextDeliveries,
  openV2,
  publish,
  sampleReport,
  startTestHub,
} from "../apps/hub/test/support/test-hub.ts";

const DOWNLOADERS = 20;
const PUBLISHES = 20;

const CONFIGS: Record<string, Partial<HubOptions>> = {
  "one worker, no cache": { render: { workers: 1, downloadWorkers: 1 }, docxCacheBytes: 0 },
  "pool, no cache": { docxCacheBytes: 0 },
  "pool + DOCX cache": {},
};

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * p))] ?? 0;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

async function run(extra: Partial<HubOptions>) {
  const t = await startTestHub({ extra });
  const key = await addDoctor(t, "dr-a");
  const token = await addProducer(t);
  const body = (history: string) => ({ doctor_id: "dr-a", report: { ...sampleReport(), history } });
  // A long report (about 60,000 characters) whose DOCX everyone downloads.
  const long = await publish(t, token, body("The patient reports sensitivity to cold. ".repeat(1500)));
  const { id } = PublishReportResponse.parse(await long.json());
  const { socket } = await openV2(t, key);
  const [delivery] = await nextDeliveries(socket, 1);
  socket.close();
  if (delivery?.event !== "report_ready" || delivery.data.report_id !== id) throw new Error("no download link");
  const link = delivery.data.url;

  const idle: number[] = [];
  for (let i = 0; i < PUBLISHES; i++) idle.push((await timed(() => publish(t, token, body(`idle ${i}`))))[0]);

  let downloads = 0;
  let stop = false;
  const downloaders = Array.from({ length: DOWNLOADERS }, async () => {
    while (!stop) {
      const response = await fetch(link);
      await response.arrayBuffer();
      if (response.status === 200) downloads++;
    }
  });
  const loadStart = performance.now();
  await Bun.sleep(300); // let the downloads fill the queue
  const loaded: number[] = [];
  const health: number[] = [];
  for (let i = 0; i < PUBLISHES; i++) {
    loaded.push((await timed(() => publish(t, token, body(`loaded ${i}`))))[0]);
    health.push((await timed(() => fetch(`${t.url}/healthz`)))[0]);
  }
  const largest = "x".repeat(MAX_REPORT_TEXT_CHARS - 500);
  const [largestMs, largestResponse] = await timed(() => publish(t, token, body(largest)));
  stop = true;
  await Promise.all(downloaders);
  const seconds = (performance.now() - loadStart) / 1000;
  await t.stop();
  return {
    idleP50: percentile(idle, 0.5),
    loadedP50: percentile(loaded, 0.5),
    loadedP95: percentile(loaded, 0.95),
    healthP95: percentile(health, 0.95),
    largest: `${largestResponse.status} in ${largestMs.toFixed(0)} ms`,
    downloadsPerS: downloads / seconds,
  };
}

console.log(
  `${DOWNLOADERS} clients downloading one DOCX link in a loop; ${PUBLISHES} small publishes timed before and during; ` +
    `${availableParallelism()} cores\n`,
);
const rows: [string, Awaited<ReturnType<typeof run>>][] = [];
for (const [name, extra] of Object.entries(CONFIGS)) rows.push([name, await run(extra)]);
console.log(
  "configuration          | publish p50 idle | p50 loaded | p95 loaded | /healthz p95 | largest report | downloads/s",
);
for (const [name, r] of rows) {
  console.log(
    [
      name.padEnd(22),
      `${r.idleP50.toFixed(1)} ms`.padStart(16),
      `${r.loadedP50.toFixed(1)} ms`.padStart(10),
      `${r.loadedP95.toFixed(1)} ms`.padStart(10),
      `${r.healthP95.toFixed(1)} ms`.padStart(12),
      r.largest.padStart(14),
      r.downloadsPerS.toFixed(0).padStart(11),
    ].join(" | "),
  );
}
const [base, , best] = rows.map(([, r]) => r);
if (base && best) {
  console.log(
    `\nratios, one worker without cache ÷ pool with cache: publish p95 under load ${(base.loadedP95 / best.loadedP95).toFixed(1)}×, ` +
      `downloads/s ${(best.downloadsPerS / base.downloadsPerS).toFixed(1)}× more`,
  );
}
