import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloseCode, ErrorMessage, ReportReadyMessage } from "@sofia/protocol";
import { closedWithin, TestSocket } from "@sofia/testing";
import { runHubCli, spawnHub } from "./support/hub-process.ts";
import { openV2, publish, sampleReport } from "./support/test-hub.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sofia-serve-test-"));
  dirs.push(dir);
  return dir;
}

function keyFromCli(stdout: string): string {
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== "object" || parsed === null || !("doctor_key" in parsed)) throw new Error(stdout);
  return String(parsed.doctor_key);
}

describe("sofia-hub serve (real process)", () => {
  test("serve --demo prints credentials that work, and keeps them across restarts", async () => {
    const dir = dataDir();
    const first = await spawnHub(["--demo", "--data-dir", dir], /operator token\s+(spt_\S+)/);
    const key = /doctor_key\s+(sdk_\S+)/.exec(first.stdout)?.[1] ?? "";
    const token = /producer token\s+(spt_\S+)/.exec(first.stdout)?.[1] ?? "";
    const socket = await TestSocket.authenticated(`${first.url.replace("http", "ws")}/reports/ws`, key);
    const response = await publish(first, token, { doctor_id: "dr-demo", report: sampleReport("demo") });
    expect(response.status).toBe(202);
    expect(ReportReadyMessage.parse((await socket.next()).json).json_report.history).toBe("history demo");
    // The operator token reads the metrics; the producer token does not.
    const operator = /operator token\s+(spt_\S+)/.exec(first.stdout)?.[1] ?? "";
    const scrape = (t: string) => fetch(`${first.url}/metrics`, { headers: { authorization: `Bearer ${t}` } });
    expect(await (await scrape(operator)).text()).toContain("sofia_hub_reports_published_total 1");
    expect((await scrape(token)).status).toBe(403);
    first.proc.kill("SIGTERM");
    expect(await first.proc.exited).toBe(0);
    const second = await spawnHub(["--demo", "--data-dir", dir], /operator token\s+(spt_\S+)/);
    expect(second.stdout).toContain(key);
    expect(second.stdout).toContain(operator);
    expect(second.stdout).toContain(token);
    // The banner also says how to connect an agent, with commands that work from a checkout.
    expect(second.stdout).toContain(
      `npx sofia-hub agents enroll --clinic demo-clinic --doctor dr-demo --data-dir ${dir}`,
    );
    expect(second.stdout).toContain(`sofia-agent enroll CODE --hub ${second.url}`);
    second.proc.kill("SIGTERM");
    expect(await second.proc.exited).toBe(0);
  });

  test("serve --demo prints the console's address and its demo users, and serves it", async () => {
    const hub = await spawnHub(["--demo", "--data-dir", dataDir()], /admin-sam\s+admin/);
    expect(hub.stdout).toContain(`Console: ${hub.url}/console/`);
    for (const user of ["dr-demo", "pat-jane", "ph-omar", "staff-lea", "admin-sam"]) expect(hub.stdout).toContain(user);
    const page = await fetch(`${hub.url}/console/`);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/console/app.js">');
    expect((await fetch(`${hub.url}/console/app.js`)).status).toBe(200);
    hub.proc.kill("SIGTERM");
    expect(await hub.proc.exited).toBe(0);
  });

  test("serve compresses frames only with --compress-frames (or SOFIA_COMPRESS_FRAMES=true)", async () => {
    // What the server agreed to in the handshake, as the Bun WebSocket client (which offers
    // permessage-deflate, as the agent does) reports it.
    const negotiated = async (url: string) => {
      const socket = new WebSocket(`${url.replace("http", "ws")}/v2/ws`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const extensions = socket.extensions;
      socket.close();
      return extensions;
    };
    for (const [args, env, offered] of [
      [[], {}, false],
      [["--compress-frames"], {}, true],
      [[], { SOFIA_COMPRESS_FRAMES: "true" }, true],
    ] as const) {
      const hub = await spawnHub(["--data-dir", dataDir(), ...args], undefined, env);
      expect((await negotiated(hub.url)).includes("permessage-deflate")).toBe(offered);
      hub.proc.kill("SIGTERM");
      expect(await hub.proc.exited).toBe(0);
    }
  }, 20_000);

  test("a port already in use is one line that says so (exit 1), not a stack trace", async () => {
    const taken = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
    try {
      const run = runHubCli(["serve", "--port", String(taken.port), "--host", "127.0.0.1", "--data-dir", dataDir()]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `sofia-hub: port ${taken.port} is in use (another sofia-hub running?). Choose another with --port N or PORT.`,
      );
    } finally {
      taken.stop(true);
    }
  });

  test("SIGTERM closes v2 sockets with 1001 too (what an agent sees)", async () => {
    const dir = dataDir();
    const key = keyFromCli(
      runHubCli(["doctors", "add", "--doctor", "v2", "--clinic", "c", "--json", "--data-dir", dir]).stdout,
    );
    const running = await spawnHub(["--data-dir", dir]);
    const { socket } = await openV2({ v2Url: `${running.url.replace("http", "ws")}/v2/ws` }, key);
    running.proc.kill("SIGTERM");
    expect((await closedWithin(socket, 5000)).code).toBe(CloseCode.GOING_AWAY);
    expect(await running.proc.exited).toBe(0);
  }, 20_000);

  test("SIGTERM closes sockets with 1001, exits 0, and loses nothing", async () => {
    const dir = dataDir();
    const online = keyFromCli(
      runHubCli(["doctors", "add", "--doctor", "on", "--clinic", "c", "--json", "--data-dir", dir]).stdout,
    );
    const offline = keyFromCli(
      runHubCli(["doctors", "add", "--doctor", "off", "--clinic", "c", "--json", "--data-dir", dir]).stdout,
    );
    const token = String(
      JSON.parse(
        runHubCli([
          "tokens",
          "create",
          "--name=p",
          "--scope=reports:publish",
          "--clinic=c",
          "--json",
          "--data-dir",
          dir,
        ]).stdout,
      ).token,
    );
    const running = await spawnHub(["--data-dir", dir]);
    const socket = await TestSocket.authenticated(`${running.url.replace("http", "ws")}/reports/ws`, online);
    const published = await publish(running, token, { doctor_id: "off", report: sampleReport("kept") });
    expect(published.status).toBe(202);
    running.proc.kill("SIGTERM");
    expect(ErrorMessage.parse((await socket.next()).json).code).toBe(CloseCode.GOING_AWAY);
    expect((await closedWithin(socket, 5000)).code).toBe(CloseCode.GOING_AWAY);
    expect(await running.proc.exited).toBe(0);

    const restarted = await spawnHub(["--data-dir", dir]);
    const late = await TestSocket.authenticated(`${restarted.url.replace("http", "ws")}/reports/ws`, offline);
    expect(ReportReadyMessage.parse((await late.next()).json).json_report.findings).toBe("findings kept");
    restarted.proc.kill("SIGTERM");
    expect(await restarted.proc.exited).toBe(0);
  }, 20_000);
});
