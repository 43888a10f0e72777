/**
 * The load generator, a process of its own so that its CPU is not the server's: it runs one job
 * given as JSON on the command line, talks to the harness in JSON lines (stdout: `ready`,
 * `result`; stdin: `close`, `killed`), and reports its own CPU time so that a saturated
 * generator shows in the results. Run by the harness: bun loadgen.ts '<job json>'
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { tell } from "./channel.ts";
import { runConnect, runDrain, runPublish } from "./jobs.ts";
import { readSecrets } from "./peer-common.ts";
import { runStorm } from "./storm.ts";

const Job = z.object({
  job: z.enum(["connect", "publish", "drain", "storm"]),
  kind: z.enum(["v1", "v2", "socketio"]),
  url: z.string().url(),
  secretsFile: z.string(),
  count: z.number().int().positive(),
  concurrency: z.number().int().positive().default(100),
  hold: z.boolean().default(false),
  reports: z.number().int().nonnegative().default(0),
  inflight: z.number().int().positive().default(8),
  rate: z.number().positive().optional(),
  timeoutMs: z.number().int().positive().default(60_000),
});
/** What the harness asks of the load generator. */
export type LoadJob = z.input<typeof Job>;

if (import.meta.main) {
  const job = Job.parse(JSON.parse(process.argv[2] ?? "{}"));
  const { keys, producer } = readSecrets(readFileSync(job.secretsFile, "utf8"));
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const run = { connect: runConnect, publish: runPublish, drain: runDrain, storm: runStorm }[job.job];
  const result = await run({ ...job, keys: keys.slice(0, job.count), producer });
  const cpu = process.cpuUsage(cpuStart);
  const wall = performance.now() - wallStart;
  tell({ event: "result", ...result, loadgenCpu: (cpu.user + cpu.system) / 1000 / wall });
  process.exit(0);
}

/** A parsed job with the secrets it needs. */
export type Job = z.output<typeof Job> & { keys: string[]; producer: string };
