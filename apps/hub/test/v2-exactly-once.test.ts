import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryCursorStore, SofiaClient } from "@sofia/client";
import { PublishReportResponse, type V2Deliver } from "@sofia/protocol";
import { until } from "@sofia/testing";
import { databasePath } from "../src/config.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { type HubProcess, runHubCli, spawnHub } from "./support/hub-process.ts";
import { sampleReport } from "./support/test-hub.ts";

const REPORTS = 1000;
const dir = mkdtempSync(join(tmpdir(), "sofia-chaos-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small seeded PRNG so a failing run can be replayed with the same chaos. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function freePort(): number {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port ?? 0;
  probe.stop(true);
  return port;
}

const json = (text: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null) throw new Error(text);
  return Object.fromEntries(Object.entries(value));
};

test(`${REPORTS} reports reach the application exactly once, in order, through client drops and hub SIGKILLs`, async () => {
  const seed = Number(process.env.CHAOS_SEED ?? 20261121);
  const random = prng(seed);
  const key = String(
    json(runHubCli(["doctors", "add", "--doctor", "dr-x", "--clinic", "c", "--json", "--data-dir", dir]).stdout)
      .doctor_key,
  );
  const token = String(
    json(
      runHubCli(["tokens", "create", "--name=p", "--scope=reports:publish", "--clinic=c", "--json", "--data-dir", dir])
        .stdout,
    ).token,
  );
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  let hub: HubProcess = await spawnHub(["--data-dir", dir, "--port", String(port)]);
  let kills = 0;
  let drops = 0;

  const received: { seq: number; reportId: string }[] = [];
  const client = new SofiaClient({
    url: () => `ws://127.0.0.1:${port}/v2/ws`,
    credential: () => key,
    cursor: new MemoryCursorStore(),
    onDelivery: (d: V2Deliver) => {
      if (d.event !== "report_ready") throw new Error(`unexpected ${d.event}`);
      received.push({ seq: d.seq, reportId: d.data.report_id });
    },
    backoff: { minMs: 20, maxMs: 300, stableMs: 1000 },
    watchdogMs: 200,
    connectTimeoutMs: 3000,
    random,
  });
  await client.start();

  const killAndRestart = async () => {
    hub.proc.kill("SIGKILL");
    await hub.proc.exited;
    kills++;
    hub = await spawnHub(["--data-dir", dir, "--port", String(port)]);
  };

  // Publish sequentially (so publish order is seq order), retrying through outages with the same
  // idempotency key, while the chaos happens.
  const published: string[] = [];
  for (let i = 0; i < REPORTS; i++) {
    for (;;) {
      try {
        const response = await fetch(`${base}/v1/reports`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ doctor_id: "dr-x", report: sampleReport(`#${i}`), idempotency_key: `visit-${i}` }),
        });
        if (response.status === 202 || response.status === 200) {
          published.push(PublishReportResponse.parse(await response.json()).id);
          break;
        }
      } catch {
        // The hub is down or restarting: retry, as a producer would.
      }
      await Bun.sleep(20);
    }
    const roll = random();
    if (roll < 0.004) await killAndRestart();
    else if (roll < 0.03) {
      drops++;
      client.reconnectNow("chaos: network cut");
    }
  }
  if (kills < 3) for (let k = kills; k < 3; k++) await killAndRestart();

  // Done when the application has every report and the hub has stored every acknowledgement.
  const db = new Database(databasePath(dir), { readonly: true });
  const storedCursor = () =>
    db.query<{ acked_seq: number }, []>("SELECT acked_seq FROM cursors WHERE consumer_id = 'doctor:dr-x'").get()
      ?.acked_seq ?? 0;
  await until(
    "every report handed over and every ack stored",
    () => client.cursor >= REPORTS && storedCursor() >= REPORTS,
    {
      timeoutMs: 60_000,
    },
  );
  db.close();
  client.stop();
  hub.proc.kill("SIGTERM");
  expect(await hub.proc.exited).toBe(0);

  console.log(`chaos seed ${seed}: ${kills} hub SIGKILLs, ${drops} client drops, ${received.length} deliveries`);
  expect(received.map((r) => r.seq)).toEqual(Array.from({ length: REPORTS }, (_, i) => i + 1));
  expect(received.map((r) => r.reportId)).toEqual(published);
  expect(new Set(published).size).toBe(REPORTS);

  const store = await openSqliteStore(databasePath(dir), { thread: "inline" });
  try {
    expect((await store.mailbox.cursor("doctor:dr-x"))?.ackedSeq).toBe(REPORTS);
    for (const id of [published[0], published[REPORTS / 2], published.at(-1)]) {
      const types = (await store.reports.timeline(id ?? "")).map((e) => e.type);
      expect(types).toContain("acknowledged");
    }
  } finally {
    await store.close();
  }
}, 180_000);
