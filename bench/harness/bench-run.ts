/**
 * One invocation of the harness: prepares the fixture once, then repeats the whole set of
 * scenarios `plan.reps` times, each scenario's servers in an order that rotates with the
 * repetition (so no server always runs first, on a cooler or hotter machine), and records every
 * figure per repetition for the medians.
 */

import { prepareFixture } from "./fixture.ts";
import { describeMachine, loadNow } from "./machine.ts";
import { measureOdWrite } from "./od-write.ts";
import { hubFrameBytes, reportChars } from "./peer-frame.ts";
import { localPortRange, type Plan } from "./plan.ts";
import type { Column, Context } from "./scenarios.ts";
import * as scenario from "./scenarios.ts";
import type { LoadResult } from "./spawn-loadgen.ts";
import { latencySummary } from "./stats.ts";

/** metric → column → one value per repetition. */
export type Figures = Record<string, Partial<Record<Column, number[]>>>;

/** Everything a run produced. */
export interface BenchResults {
  machine: Awaited<ReturnType<typeof describeMachine>> & { loadAverageAfter: number[] };
  plan: Plan;
  frameBytes: number;
  reportChars: number;
  figures: Figures;
  /** The storm's welcomes per second after the kill, per repetition. */
  stormCurves: number[][];
  /** Why an end-to-end measurement failed, if one did. */
  e2eErrors: string[];
}

const rotate = <T>(items: readonly T[], by: number) => items.map((_, i) => items[(i + by) % items.length] as T);
const num = (r: LoadResult, key: string) => {
  const value = r[key];
  return typeof value === "number" ? value : undefined;
};

/** Runs every scenario `plan.reps` times; `log` hears progress. */
export async function runBench(plan: Plan, log: (line: string) => void = () => {}): Promise<BenchResults> {
  if (plan.idle > localPortRange() || plan.storm * 2 > localPortRange())
    throw new Error(`more connections than one source address has local ports (${localPortRange()})`);
  const machine = await describeMachine();
  const fixture = await prepareFixture(Math.max(plan.idle, plan.connect, plan.storm, 10));
  const ctx: Context = { fixture, frameBytes: await hubFrameBytes() };
  const figures: Figures = {};
  const stormCurves: number[][] = [];
  const e2eErrors: string[] = [];
  const put = (metric: string, column: Column, value: number | undefined) => {
    if (value === undefined) return;
    const row = figures[metric] ?? {};
    figures[metric] = row;
    row[column] = [...(row[column] ?? []), value];
  };
  const keep = (name: string, column: Column, r: LoadResult, keys: Record<string, string>) => {
    for (const [metric, key] of Object.entries(keys)) put(`${name}.${metric}`, column, num(r, key));
    put(`${name}.loadgenCpu`, column, num(r, "loadgenCpu"));
    put(`${name}.serverCores`, column, num(r, "serverCores"));
    put(`${name}.cpuPerReport`, column, num(r, "serverCpuMsPerReport"));
    log(`  ${name} ${column}: ${JSON.stringify(r)}`);
  };
  const all: Column[] = ["hub v1", "hub v2", "ceiling", "Socket.IO"];
  const v2ish: Column[] = ["hub v2", "ceiling", "Socket.IO"];
  try {
    for (let rep = 0; rep < plan.reps; rep++) {
      log(`repetition ${rep + 1}/${plan.reps}`);
      for (const c of rotate(all, rep))
        keep("idle", c, await scenario.idle(ctx, c, plan.idle), { bytes: "bytesPerConnection" });
      for (const c of rotate(all, rep))
        keep("connect", c, await scenario.connectRate(ctx, c, plan.connect), { rate: "perSecond" });
      const latency = {
        rate: "acceptedPerSecond",
        p50: "p50",
        p99: "p99",
        max: "max",
        lost: "lost",
        duplicated: "duplicated",
      };
      for (const inflight of [8, 32])
        for (const c of rotate(v2ish, rep))
          keep(`publish${inflight}`, c, await scenario.publish(ctx, c, plan.publish, inflight), latency);
      for (const c of rotate(v2ish, rep))
        keep("fixedRate", c, await scenario.publish(ctx, c, plan.rateReports, 64, plan.rate), latency);
      for (const c of rotate<Column>(["hub v2", "ceiling"], rep))
        keep("drain", c, await scenario.drain(ctx, c, plan.drain), {
          rate: "perSecond",
          lost: "lost",
          duplicated: "duplicated",
        });
      const storm = await scenario.storm(ctx, plan.storm, plan.stormReports);
      keep("storm", "hub v2", storm, {
        seconds: "resumeSeconds",
        resumed: "resumed",
        lost: "lost",
        duplicated: "duplicated",
        restartMs: "restartMs",
      });
      stormCurves.push(Array.isArray(storm.perSecondCurve) ? storm.perSecondCurve.map(Number) : []);
      if (plan.e2e > 0) {
        // A failure here is reported with the results rather than losing the whole run.
        const measured = await measureOdWrite("service", plan.e2e, 30_000).then(
          (m) => m,
          (error: unknown) => {
            e2eErrors.push(String(error).split("\n")[0] ?? "");
            return null;
          },
        );
        const { p50, p99, max } = latencySummary(measured?.samples ?? []);
        if (measured)
          for (const [metric, value] of Object.entries({ p50, p99, max })) put(`e2e.${metric}`, "hub v2", value);
        log(`  e2e: ${measured ? `p50 ${p50.toFixed(1)} p99 ${p99.toFixed(1)} ms` : e2eErrors.at(-1)}`);
      }
    }
  } finally {
    fixture.dispose();
  }
  return {
    machine: { ...machine, loadAverageAfter: loadNow() },
    plan,
    frameBytes: ctx.frameBytes,
    reportChars,
    figures,
    stormCurves,
    e2eErrors,
  };
}
