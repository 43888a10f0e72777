/**
 * The scenarios, from the harness's side: each starts a fresh server (a hub gets a fresh copy of
 * the fixture database), drives one load generator job against it, measures what only the
 * harness can see (the server's memory, a SIGKILL and restart) and stops the server.
 */
import type { ClientKind } from "./clients.ts";
import type { Fixture } from "./fixture.ts";
import { removeDataDir } from "./fixture.ts";
import type { LoadJob } from "./loadgen.ts";
import { type LoadResult, runLoadgen } from "./spawn-loadgen.ts";
import { startTarget, type Target, type TargetKind } from "./targets.ts";

/** A column of the results: a server and the protocol the clients speak to it. */
export type Column = "hub v1" | "hub v2" | "ceiling" | "Socket.IO";
const SERVER: Record<Column, TargetKind> = {
  "hub v1": "hub",
  "hub v2": "hub",
  ceiling: "ceiling",
  "Socket.IO": "socketio",
};
const PROTOCOL: Record<Column, ClientKind> = { "hub v1": "v1", "hub v2": "v2", ceiling: "v2", "Socket.IO": "socketio" };

/** What every scenario gets. */
export interface Context {
  fixture: Fixture;
  frameBytes: number;
}

/** Runs `run` against a fresh server of `column`'s kind, adding the server's CPU time (ms) and cores used. */
async function withTarget(
  ctx: Context,
  column: Column,
  run: (t: Target, job: LoadJob) => Promise<LoadResult>,
): Promise<LoadResult> {
  const dataDir = ctx.fixture.freshDataDir();
  const options = { dataDir, secretsFile: ctx.fixture.secretsFile, frameBytes: ctx.frameBytes };
  const target = await startTarget(SERVER[column], options);
  const job: LoadJob = {
    job: "connect",
    kind: PROTOCOL[column],
    url: target.url,
    secretsFile: ctx.fixture.secretsFile,
    count: 1,
  };
  try {
    const cpu = target.cpuMs();
    const started = performance.now();
    const result = await run(target, job);
    const serverCpuMs = target.cpuMs() - cpu;
    return { ...result, serverCpuMs, serverCores: serverCpuMs / (performance.now() - started) };
  } finally {
    await target.stop();
    removeDataDir(dataDir);
  }
}

/** Resident memory per authenticated idle connection, in bytes. */
export function idle(ctx: Context, column: Column, connections: number): Promise<LoadResult> {
  return withTarget(ctx, column, async (target, job) => {
    // Time for the server to settle (and v1 to finish authenticating) before each reading.
    const settleMs = Math.min(2000, 100 + connections / 5);
    await Bun.sleep(settleMs / 4);
    const before = target.rssKiB();
    let after = before;
    const result = await runLoadgen({ ...job, count: connections, hold: true }, async () => {
      await Bun.sleep(settleMs);
      after = target.rssKiB();
      return "close";
    });
    return {
      ...result,
      bytesPerConnection: ((after - before) * 1024) / connections,
      rssBeforeKiB: before,
      rssAfterKiB: after,
    };
  });
}

/** Connections authenticated per second, `clients` of them, 100 opening at a time. */
export const connectRate = (ctx: Context, column: Column, clients: number) =>
  withTarget(ctx, column, (_t, job) => runLoadgen({ ...job, count: clients }));

/** Publish with `inflight` in flight (or at `rate`/s) to 10 connected doctors. */
export const publish = (ctx: Context, column: Column, reports: number, inflight: number, rate?: number) =>
  perReport(
    withTarget(ctx, column, (_t, job) =>
      runLoadgen({ ...job, job: "publish", count: 10, reports, inflight, ...(rate ? { rate } : {}) }),
    ),
    reports + WARMUP_REPORTS,
  );

/** The reports a publish job sends before measuring (jobs.ts: three per doctor). */
const WARMUP_REPORTS = 30;

/** Adds the server's CPU time per report, publishing and delivering it. */
const perReport = async (result: Promise<LoadResult>, reports: number) => {
  const r = await result;
  return { ...r, serverCpuMsPerReport: Number(r.serverCpuMs) / reports };
};

/** `reports` waiting for 10 doctors, then they connect. */
export const drain = (ctx: Context, column: Column, reports: number) =>
  perReport(
    withTarget(ctx, column, (_t, job) => runLoadgen({ ...job, job: "drain", count: 10, reports })),
    reports,
  );

/** `clients` v2 clients connected, `reports` accepted, the hub SIGKILLed and restarted on the same port. */
export function storm(ctx: Context, clients: number, reports: number): Promise<LoadResult> {
  const dataDir = ctx.fixture.freshDataDir();
  const options = { dataDir, secretsFile: ctx.fixture.secretsFile, frameBytes: ctx.frameBytes };
  return (async () => {
    let target = await startTarget("hub", options);
    let restarted: Promise<number> = Promise.resolve(0);
    try {
      const job: LoadJob = {
        job: "storm",
        kind: "v2",
        url: target.url,
        secretsFile: ctx.fixture.secretsFile,
        count: clients,
        reports,
      };
      const result = await runLoadgen(job, async () => {
        await target.kill();
        const started = performance.now();
        // The clients are told of the kill at once; the restart's time is measured on its own.
        restarted = startTarget("hub", { ...options, port: target.port }).then((t) => {
          target = t;
          return performance.now() - started;
        });
        return "killed";
      });
      return { ...result, restartMs: await restarted };
    } finally {
      await restarted.catch(() => 0); // a failed restart already failed the run
      await target.stop();
      removeDataDir(dataDir);
    }
  })();
}
