/**
 * The reconnect storm, from the clients' side: `count` real `@sofia/client` clients (jittered
 * backoff and all) connected, reports published and accepted, then the harness SIGKILLs the hub
 * and restarts it. Counts how long until every client is welcomed again, how the welcomes spread
 * over time (the backoff's jitter at work), and whether any accepted report was lost or handed
 * to the application twice.
 */
import { MemoryCursorStore, SofiaClient } from "@sofia/client";
import { nextCommand, tell } from "./channel.ts";
import { pool } from "./clients.ts";
import type { Job } from "./loadgen.ts";
import { Ledger } from "./publisher.ts";

export async function runStorm(job: Job) {
  const ledger = new Ledger(job.url, job.producer);
  let killedAt: number | null = null;
  const welcomedAfterKill = new Map<number, number>(); // client → ms after the kill
  let allBack: () => void = () => {};
  const back = new Promise<void>((resolve) => (allBack = resolve));
  const v2 = `${job.url.replace(/^http/, "ws")}/v2/ws`;
  const clients = await pool(job.count, job.concurrency, (i) => {
    const { promise: welcomed, resolve } = Promise.withResolvers<void>();
    const client = new SofiaClient({
      url: () => v2,
      credential: () => job.keys[i] ?? "",
      cursor: new MemoryCursorStore(),
      onDelivery: (d) => ledger.delivered("report_id" in d.data ? String(d.data.report_id) : ""),
      onEvent: (event) => {
        if (event.type !== "welcome") return;
        resolve();
        if (killedAt === null || welcomedAfterKill.has(i)) return;
        welcomedAfterKill.set(i, performance.now() - killedAt);
        if (welcomedAfterKill.size === job.count) allBack();
      },
    });
    client.start().catch(() => undefined);
    return welcomed.then(() => client);
  });
  await pool(job.reports, job.inflight, (i) => ledger.publish(i % job.count, `s-${i}`));
  tell({ event: "ready", connected: clients.length, accepted: ledger.accepted });
  await nextCommand(); // "killed": the hub is dead now
  killedAt = performance.now();
  const timeout = Bun.sleep(job.timeoutMs);
  await Promise.race([back, timeout]);
  await Promise.race([ledger.settled(job.timeoutMs), timeout]);
  const times = [...welcomedAfterKill.values()];
  const curve: number[] = [];
  for (const t of times) {
    const bucket = Math.floor(t / 1000);
    while (curve.length <= bucket) curve.push(0);
    curve[bucket] = (curve[bucket] ?? 0) + 1;
  }
  for (const c of clients) c.stop();
  return {
    clients: job.count,
    resumed: times.length,
    resumeSeconds: times.length === job.count ? Math.max(...times) / 1000 : undefined,
    accepted: ledger.accepted,
    lost: ledger.pending(),
    duplicated: ledger.duplicates(),
    perSecondCurve: curve,
  };
}
