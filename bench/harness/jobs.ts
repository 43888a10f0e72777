/** The load generator's jobs: connect (and hold) many clients, publish with N in flight, drain a backlog. */

import { nextCommand, tell } from "./channel.ts";
import { type Conn, connect, pool } from "./clients.ts";
import type { Job } from "./loadgen.ts";
import { Ledger } from "./publisher.ts";
import { latencySummary } from "./stats.ts";

const closeAll = (conns: Conn[]) => {
  for (const c of conns) c.close();
};

/** Connects and authenticates `count` clients, `concurrency` at a time; with `hold`, keeps them until told to close. */
export async function runConnect(job: Job) {
  const started = performance.now();
  const conns = await pool(job.count, job.concurrency, (i) => connect(job.kind, job.url, job.keys[i] ?? ""));
  const seconds = (performance.now() - started) / 1000;
  if (job.hold) {
    tell({ event: "ready", connected: conns.length });
    await nextCommand();
  }
  closeAll(conns);
  return { connected: conns.length, perSecond: conns.length / seconds };
}

/** Connects one client per doctor, then publishes `reports` round-robin with `inflight` at a time (or at `rate`/s). */
export async function runPublish(job: Job) {
  // Warm-up, on every server alike: the first reports pay for JIT compilation and (in the hub)
  // starting the render workers, which a long-running server has behind it.
  const warmup = new Ledger(job.url, job.producer);
  let ledger = warmup;
  const conns = await pool(job.count, job.concurrency, (i) =>
    connect(job.kind, job.url, job.keys[i] ?? "", (id) => ledger.delivered(id)),
  );
  await pool(job.count * 3, job.inflight, (i) => warmup.publish(i % job.count, `w-${i}`));
  await warmup.settled(job.timeoutMs);
  ledger = new Ledger(job.url, job.producer);
  const started = performance.now();
  if (job.rate) {
    const every = 1000 / job.rate;
    const sends: Promise<boolean>[] = [];
    for (let i = 0; i < job.reports; i++) {
      const due = started + i * every;
      const wait = due - performance.now();
      if (wait > 0) await Bun.sleep(wait);
      sends.push(ledger.publish(i % job.count, `p-${i}`));
    }
    await Promise.all(sends);
  } else await pool(job.reports, job.inflight, (i) => ledger.publish(i % job.count, `p-${i}`));
  const publishSeconds = (performance.now() - started) / 1000;
  await ledger.settled(job.timeoutMs);
  closeAll(conns);
  return {
    accepted: ledger.accepted,
    refused: ledger.refused,
    acceptedPerSecond: ledger.accepted / publishSeconds,
    ...latencySummary(ledger.latencies),
    lost: ledger.pending(),
    duplicated: ledger.duplicates(),
  };
}

/** Publishes `reports` for `count` doctors while none is connected, then connects them and times the drain. */
export async function runDrain(job: Job) {
  const ledger = new Ledger(job.url, job.producer);
  await pool(job.reports, 32, (i) => ledger.publish(i % job.count, `d-${i}`));
  const started = performance.now();
  const conns = await Promise.all(job.keys.map((key) => connect(job.kind, job.url, key, ledger.delivered)));
  await ledger.settled(job.timeoutMs);
  const seconds = (performance.now() - started) / 1000;
  closeAll(conns);
  const delivered = ledger.accepted - ledger.pending();
  return {
    accepted: ledger.accepted,
    delivered,
    perSecond: delivered / seconds,
    lost: ledger.pending(),
    duplicated: ledger.duplicates(),
  };
}
