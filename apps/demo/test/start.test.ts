import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { until } from "@sofia/testing";
import { z } from "zod";
import { alive, curlOf, Launcher } from "./launcher.ts";

const FREE_PORTS = ["--hub-port", "0", "--sandbox-port", "0", "--agent-port", "0", "--events-port", "0"];
const dirs: string[] = [];
const running: Launcher[] = [];
afterEach(async () => {
  for (const l of running.splice(0)) {
    l.signal("SIGTERM");
    await l.exited;
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sofia-start-"));
  dirs.push(dir);
  return dir;
}

async function send(curl: ReturnType<typeof curlOf>): Promise<Response> {
  return fetch(curl.url, {
    method: curl.body ? "POST" : "GET",
    headers: curl.headers,
    ...(curl.body ? { body: curl.body } : {}),
  });
}

const Notes = (value: unknown) => z.array(z.object({ PatNum: z.number(), Note: z.string() })).parse(value);
const Recent = z.object({
  recent: z.array(z.object({ report_id: z.string(), state: z.string(), reason: z.string().nullable() })),
});
const Published = z.object({ id: z.string() });

test("npm start: the printed curl writes one note on the seated patient, a look-alike is held; SIGINT stops all three", async () => {
  const dataDir = tempDir();
  const launcher = new Launcher(["--data-dir", dataDir, ...FREE_PORTS]);
  running.push(launcher);
  const banner = await launcher.banner();
  const patNum = Number(/PatNum (\d+)\./.exec(banner)?.[1]);
  const pids = [...(/processes ([^)]*)\)/.exec(banner)?.[1] ?? "").matchAll(/(\d+)/g)].map((m) => Number(m[1]));
  expect(pids).toHaveLength(3);
  const link = /agent\s+(http:\/\/127\.0\.0\.1:\d+)\/\?key=(\S+)/.exec(banner);
  const [agentUrl, key] = [link?.[1] ?? "", link?.[2] ?? ""];
  const report = async (id: string) => {
    const response = await fetch(`${agentUrl}/api/status`, { headers: { authorization: `Bearer ${key}` } });
    return Recent.parse(await response.json()).recent.find((r) => r.report_id === id);
  };

  const published = await send(curlOf(banner, 1));
  expect(published.status).toBe(202);
  const { id } = Published.parse(await published.json());
  await until("written in the agent's journal", async () => (await report(id))?.state === "written", {
    timeoutMs: 30_000,
  });
  const notes = Notes(await (await send(curlOf(banner, 2))).json());
  const ours = notes.filter((n) => n.Note.includes(id));
  expect(ours).toHaveLength(1);
  expect(ours[0]?.PatNum).toBe(patNum);

  // The console the banner names is served, and the metrics curl reads the hub's metrics.
  const consoleUrl = /Console: (http:\S+)/.exec(banner)?.[1] ?? "";
  expect((await fetch(consoleUrl)).status).toBe(200);
  const metrics = await send(curlOf(banner, 4));
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toContain("sofia_hub_reports_published_total");

  const lookAlike = await send(curlOf(banner, 3));
  expect(lookAlike.status).toBe(202);
  const held = Published.parse(await lookAlike.json()).id;
  await until("the look-alike held", async () => (await report(held))?.state === "held", { timeoutMs: 30_000 });
  expect((await report(held))?.reason).toStartWith("patient_not_found");
  expect(Notes(await (await send(curlOf(banner, 2))).json()).filter((n) => n.Note.includes(held))).toHaveLength(0);

  launcher.signal("SIGINT");
  expect(await launcher.exited).toBe(0);
  running.splice(0);
  expect(pids.filter(alive)).toEqual([]);
  expect(launcher.output).toContain("Stopped.");

  // Started again on the same data: no new enrollment, the same producer token and status-page key.
  const again = new Launcher(["--data-dir", dataDir, ...FREE_PORTS]);
  running.push(again);
  const second = await again.banner();
  expect(second).not.toContain("first run");
  expect(curlOf(second, 1).headers.Authorization).toBe(curlOf(banner, 1).headers.Authorization ?? "");
  expect(second).toContain(`?key=${key}`);
  again.signal("SIGTERM");
  expect(await again.exited).toBe(0);
  running.splice(0);
}, 120_000);

test("a port another program holds: a clear message and exit 1, nothing left running", async () => {
  const taken = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  try {
    const launcher = new Launcher(["--data-dir", tempDir(), ...FREE_PORTS, "--hub-port", String(taken.port)]);
    expect(await launcher.exited).toBe(1);
    expect(launcher.output).toContain(`port ${taken.port} (the hub) is in use`);
    expect(launcher.output).toContain("--hub-port N");
  } finally {
    taken.stop(true);
  }
});
