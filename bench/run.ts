/**
 * The benchmark harness: our hub side by side with a Socket.IO 4 peer and an in-memory Bun
 * ceiling (see docs/benchmarks.md for what each scenario does).
 *
 *   npm run bench                     full run; writes docs/benchmarks.json and the table in docs/benchmarks.md
 *   npm run bench -- --quick          under two minutes; writes bench/results/
 *   --connections N                   idle connections (default 10,000)
 *   --reps N                          repetitions (default 3, quick 1)
 *   --out DIR                         where benchmarks.json and benchmarks.md go
 *   --from-json FILE                  measure nothing: write the table again from a run's JSON
 *                                     (after a change to how it is presented)
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type BenchResults, runBench } from "./harness/bench-run.ts";
import { FULL, type Plan, QUICK } from "./harness/plan.ts";
import { writeResults } from "./harness/write-results.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    connections: { type: "string" },
    reps: { type: "string" },
    out: { type: "string" },
    "from-json": { type: "string" },
  },
});
const positive = (text: string | undefined, name: string) => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive whole number`);
  return n;
};
const base = values.quick ? QUICK : FULL;
const plan: Plan = {
  ...base,
  idle: positive(values.connections, "connections") ?? base.idle,
  reps: positive(values.reps, "reps") ?? base.reps,
};
const out = values.out ?? (values.quick ? join(import.meta.dir, "results") : join(import.meta.dir, "..", "docs"));
const started = performance.now();
const fromJson = values["from-json"];
// The saved results are this harness's own output, read back as they were written.
const results: BenchResults = fromJson
  ? JSON.parse(readFileSync(fromJson, "utf8"))
  : await runBench(plan, (line) => console.log(line));
writeResults(results, join(out, "benchmarks.json"), join(out, "benchmarks.md"));
console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; wrote ${join(out, "benchmarks.md")}`);
