/**
 * The benchmark harness at a tiny scale, so that it cannot rot between benchmark runs: every
 * scenario against every server (hub, Socket.IO peer on Node, ceiling), one repetition, then the
 * JSON and the Markdown table. The figures themselves are not judged here (a busy machine makes
 * them anything); that every scenario produced them, and lost and duplicated nothing, is.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needProgram } from "@sofia/testing";
import { runBench } from "./bench-run.ts";
import type { Plan } from "./plan.ts";
import { writeResults } from "./write-results.ts";

const node = needProgram("Node.js (the Socket.IO peer runs on it)", ["node"], "apt-get install -y nodejs");
const out = mkdtempSync(join(tmpdir(), "bench-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const TINY: Plan = {
  reps: 1,
  idle: 20,
  connect: 20,
  publish: 20,
  rate: 100,
  rateReports: 20,
  drain: 20,
  storm: 20,
  stormReports: 20,
  e2e: 0, // the Open Dental path has its own tests (apps/agent/test/opendental)
};

test.skipIf(node.skip)(
  "the harness runs every scenario on every server and writes the JSON and the table",
  async () => {
    node.check();
    const results = await runBench(TINY);
    writeResults(results, join(out, "benchmarks.json"), join(out, "benchmarks.md"));
    const { figures } = results;
    for (const column of ["hub v1", "hub v2", "ceiling", "Socket.IO"] as const) {
      expect(figures["idle.bytes"]?.[column]).toHaveLength(1);
      expect(figures["connect.rate"]?.[column]?.[0]).toBeGreaterThan(0);
    }
    for (const column of ["hub v2", "ceiling", "Socket.IO"] as const)
      for (const run of ["publish8", "publish32", "fixedRate"])
        expect([run, figures[`${run}.lost`]?.[column], figures[`${run}.duplicated`]?.[column]]).toEqual([
          run,
          [0],
          [0],
        ]);
    for (const column of ["hub v2", "ceiling"] as const) expect(figures["drain.lost"]?.[column]).toEqual([0]);
    expect(figures["storm.resumed"]?.["hub v2"]).toEqual([20]);
    expect([figures["storm.lost"]?.["hub v2"], figures["storm.duplicated"]?.["hub v2"]]).toEqual([[0], [0]]);
    const doc = readFileSync(join(out, "benchmarks.md"), "utf8");
    expect(doc).toContain("| connect + authenticate |");
    expect(doc).toContain("| reconnect storm: accepted reports lost | — | 0 |");
    expect(JSON.parse(readFileSync(join(out, "benchmarks.json"), "utf8")).plan).toEqual(TINY);
  },
  60_000,
);
