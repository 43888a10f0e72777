/**
 * The hub's CPU per report, and nothing else: `trials` alternating publish (8 in flight, to 10
 * connected doctors) and drain (10 offline doctors) runs against `sofia-hub serve`, each on a
 * fresh server, printing the CPU time per report of each (the steadiest figure on a shared
 * machine; see docs/benchmarks.md). For comparing a change with what it replaces without the
 * whole harness: run it in both trees, interleaved.
 *
 *   bun bench/hub-cpu.ts [--reports 1000] [--drain 2000] [--trials 3]
 *
 * It also splits the hub's CPU by thread (sampled from /proc every 50 ms, so a thread's last
 * 50 ms may be missed): the main thread, the store thread (the first worker the hub starts), the
 * render workers (the later ones), and the rest (JIT, garbage collection).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { prepareFixture } from "./harness/fixture.ts";
import { hubFrameBytes } from "./harness/peer-frame.ts";
import * as scenario from "./harness/scenarios.ts";

const { values } = parseArgs({
  options: {
    reports: { type: "string", default: "1000" },
    drain: { type: "string", default: "2000" },
    trials: { type: "string", default: "3" },
  },
});
const MAIN = join(import.meta.dir, "..", "apps/hub/src/main.ts");
/** (pid/tid) → thread name, the order it was first seen in, CPU ticks. */
let threads = new Map<string, { name: string; order: number; ticks: number }>();
const read = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // the process or thread has ended
  }
};
const sampler = setInterval(() => {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (!read(`/proc/${pid}/cmdline`)?.includes(MAIN)) continue;
    const tids = (() => {
      try {
        return readdirSync(`/proc/${pid}/task`).sort((a, b) => Number(a) - Number(b));
      } catch {
        return [];
      }
    })();
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const key = `${pid}/${tid}`;
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const order = threads.get(key)?.order ?? threads.size;
      threads.set(key, { name, order, ticks: Number(fields[11]) + Number(fields[12]) });
    }
  }
}, 50);
/** CPU ms per report by thread kind since the last call. */
const split = (reports: number) => {
  const by: Record<string, number> = { main: 0, store: 0, render: 0, other: 0 };
  const workersSeen = new Map<string, number>();
  for (const [key, t] of [...threads].sort((a, b) => a[1].order - b[1].order)) {
    const pid = key.split("/")[0] ?? "";
    let kind = "other";
    if (t.name === "bun" || t.name === "bun.exe") kind = "main";
    else if (t.name === "Worker") {
      kind = (workersSeen.get(pid) ?? 0) === 0 ? "store" : "render";
      workersSeen.set(pid, (workersSeen.get(pid) ?? 0) + 1);
    }
    by[kind] = (by[kind] ?? 0) + t.ticks * 10;
  }
  threads = new Map();
  return Object.entries(by)
    .map(([k, ms]) => `${k} ${(ms / reports).toFixed(2)}`)
    .join(", ");
};
const fixture = await prepareFixture(10);
try {
  const ctx = { fixture, frameBytes: await hubFrameBytes() };
  for (let trial = 1; trial <= Number(values.trials); trial++) {
    const p = await scenario.publish(ctx, "hub v2", Number(values.reports), 8);
    const pSplit = split(Number(values.reports) + 30);
    const d = await scenario.drain(ctx, "hub v2", Number(values.drain));
    const dSplit = split(Number(values.drain));
    const f = (r: Record<string, unknown>, key: string, digits = 0) => Number(r[key]).toFixed(digits);
    console.log(
      `trial ${trial}: publish8 ${f(p, "serverCpuMsPerReport", 3)} ms/report (${f(p, "acceptedPerSecond")}/s, lost ${f(p, "lost")}, dup ${f(p, "duplicated")})` +
        ` drain ${f(d, "serverCpuMsPerReport", 3)} ms/report (${f(d, "perSecond")}/s, lost ${f(d, "lost")}, dup ${f(d, "duplicated")})`,
    );
    console.log(`  by thread, ms/report: publish8 ${pSplit}; drain ${dSplit}`);
  }
} finally {
  clearInterval(sampler);
  fixture.dispose();
}
