import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PublishReportResponse, ReportReadyMessage, V2Deliver } from "@sofia/protocol";
import { FakeClock, TestSocket } from "@sofia/testing";
import { databasePath } from "../../src/config.ts";
import { hubCli } from "../support/cli.ts";
import { spawnHub } from "../support/hub-process.ts";
import { addDoctor, addProducer, openV2, publish, putWebhook, startTestHub } from "../support/test-hub.ts";

/** Text that appears nowhere but in the report and its patient: finding it anywhere else is a leak. */
const MARK = "Zebracorn7731";
const PATIENT = "Quokkafeld Marsupia";
const report = (n: number) => ({
  history: `history ${MARK} ${n}`,
  findings: `findings ${MARK}`,
  diagnosis: `diagnosis ${MARK}`,
  procedure: `procedure ${MARK}`,
  recommendation: `recommendation ${MARK}`,
});
const leaks = (text: string) => text.includes(MARK) || text.includes(PATIENT);

/** Where report text lives by design: the report rows and the deliveries made from them. */
const CONTENT_TABLES = new Set(["reports", "mailbox"]);

/** What is left to read of a stream another reader has started on. */
async function rest(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  let text = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    text += new TextDecoder().decode(chunk.value);
  return text;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Report text and patient data never reach anything the hub prints or writes besides the report
 * itself: its logs (stdout and stderr, at debug level), the files of its data directory, the
 * other tables of its database (audit, timelines, webhook outbox...), its webhook calls, and the
 * output of its commands — while a marked report goes through every path a report can take.
 */
describe("no report text in logs, files, audit or webhooks", () => {
  test("a real hub process, every path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sofia-leak-test-"));
    dirs.push(dir);
    const cli = hubCli(dir);
    const printed: string[] = [];
    const run = (...args: string[]) => {
      const result = cli(...args);
      printed.push(result.stdout, result.stderr);
      return result;
    };
    const key = String(
      JSON.parse(run("doctors", "add", "--doctor", "dr-a", "--clinic", "c", "--json").stdout).doctor_key,
    );
    const token = String(
      JSON.parse(run("tokens", "create", "--name", "p", "--scope", "reports:publish", "--clinic", "c", "--json").stdout)
        .token,
    );
    const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(
      run("agents", "enroll", "--clinic", "c", "--doctor", "dr-a").stdout,
    )?.[1];
    const hooks: string[] = [];
    const receiver = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      async fetch(request) {
        hooks.push(await request.text());
        return new Response(null, { status: hooks.length % 2 === 0 ? 500 : 204 }); // failures too
      },
    });
    const hub = await spawnHub(["--data-dir", dir, "--allow-local-webhooks"], undefined, { SOFIA_LOG_LEVEL: "debug" });
    const url = hub.url;
    const wsUrl = `${url.replace("http", "ws")}/reports/ws`;
    const v2Url = `${url.replace("http", "ws")}/v2/ws`;
    expect((await putWebhook({ url }, token, `http://127.0.0.1:${receiver.port}/hook`)).status).toBe(200);

    // Sockets: v1, a doctor's v2, and an enrolled agent's v2.
    const v1 = await TestSocket.authenticated(wsUrl, key);
    const doctor = await openV2({ v2Url }, key);
    const enrolled = await fetch(`${url}/v1/agents/enroll`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code, device: { name: "Operatory 1" } }),
    });
    const agent = await openV2({ v2Url }, String(((await enrolled.json()) as { device_token: string }).device_token));

    // Publishing: created, replayed, conflicting, invalid, too large, too deep.
    const body = (n: number, extra: object = {}) => ({
      doctor_id: "dr-a",
      patient: { name: PATIENT, birthdate: "1980-04-02" },
      report: report(n),
      ...extra,
    });
    const first = await publish({ url }, token, body(1, { idempotency_key: "visit-1" }));
    expect(first.status).toBe(202);
    const id = PublishReportResponse.parse(await first.json()).id;
    expect((await publish({ url }, token, body(1, { idempotency_key: "visit-1" }))).status).toBe(200);
    expect((await publish({ url }, token, body(2, { idempotency_key: "visit-1" }))).status).toBe(409);
    expect((await publish({ url }, token, { ...body(3), patient: { name: PATIENT, birthdate: MARK } })).status).toBe(
      400,
    );
    expect((await publish({ url }, token, { ...body(4), doctor_id: `dr-${MARK}` })).status).toBe(404);
    const huge = { ...body(5), report: { ...report(5), history: `${MARK} `.repeat(20_000) } };
    expect((await publish({ url }, token, huge)).status).toBe(413);
    const deep = await fetch(`${url}/v1/reports`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: `{"report":${'{"a":'.repeat(20)}"${MARK}"${"}".repeat(20)}}`,
    });
    expect(deep.status).toBe(400);

    // Deliveries, acks, statuses (held with a reason, written), the DOCX (twice: the cache).
    expect(ReportReadyMessage.parse((await v1.next()).json).report_id).toBe(id);
    const delivered = V2Deliver.parse((await doctor.socket.next()).json);
    if (delivered.event !== "report_ready") throw new Error("expected a report");
    doctor.socket.send(JSON.stringify({ type: "ack", seq: delivered.seq }));
    const agentDelivery = V2Deliver.parse((await agent.socket.next()).json);
    agent.socket.send(JSON.stringify({ type: "ack", seq: agentDelivery.seq }));
    for (const status of [
      { status_id: "r", status: "received" },
      { status_id: "h", status: "held", reason: "two patients match" },
      { status_id: "w", status: "written", target: { system: "opendental", ids: { ProcNum: 7 } } },
    ]) {
      agent.socket.send(JSON.stringify({ type: "status", report_id: id, ...status }));
      await agent.socket.next();
    }
    for (let i = 0; i < 2; i++) expect((await fetch(delivered.data.url)).status).toBe(200);
    expect((await fetch(`${url}/hi`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await fetch(`${url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    const deadline = Date.now() + 10_000; // stored, sent, acknowledged..., some of them retried
    while (hooks.length < 6 && Date.now() < deadline) await Bun.sleep(20);

    // Operators at work while it runs: revoke the links and a key.
    run("reports", "revoke-links", id);
    expect((await fetch(delivered.data.url)).status).toBe(403);
    run("keys", "revoke", key.slice(0, 20));
    await v1.closed;
    await doctor.socket.closed;
    agent.socket.close();
    hub.proc.kill("SIGTERM");
    expect(await hub.proc.exited).toBe(0);
    receiver.stop(true);
    printed.push(hub.stdout, await rest(hub.proc.stdout), await new Response(hub.proc.stderr).text());

    const logged = printed.join("\n");
    // The logs were captured (at debug level, the most verbose), and they talk about the report.
    expect(logged).toContain(`"msg":"report stored","report":"${id}"`);
    expect(logged).toContain('"msg":"webhook failed"');
    expect(leaks(logged)).toBe(false);
    expect(hooks.length).toBeGreaterThan(0);
    expect(hooks.filter(leaks)).toEqual([]);
    const databaseFiles = new Set(["hub.sqlite", "hub.sqlite-wal", "hub.sqlite-shm"]);
    for (const file of readdirSync(dir).filter((f) => !databaseFiles.has(f))) {
      expect({ file, leaks: leaks(readFileSync(join(dir, file), "latin1")) }).toEqual({ file, leaks: false });
    }
    const db = new Database(databasePath(dir), { readonly: true });
    const tables = db.query<{ name: string }, []>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    const leaking = tables
      .filter(({ name }) => !CONTENT_TABLES.has(name))
      .filter(({ name }) => leaks(JSON.stringify(db.query(`SELECT * FROM "${name}"`).all())))
      .map(({ name }) => name);
    expect(leaking).toEqual([]);
    // The check can fail: the content tables do hold the marked report.
    expect(leaks(JSON.stringify(db.query("SELECT * FROM reports").all()))).toBe(true);
    db.close();
  }, 30_000);

  test("in process: a report over the render budget is refused without logging it", async () => {
    const t = await startTestHub({ extra: { render: { budgetMs: 1 } } });
    try {
      await addDoctor(t, "dr-a");
      const token = await addProducer(t);
      const big = {
        doctor_id: "dr-a",
        patient: { name: PATIENT },
        report: { ...report(1), history: `${MARK}\n`.repeat(5_000) },
      };
      expect((await publish(t, token, big)).status).toBe(413);
      expect(t.logs.some((line) => line.includes("render"))).toBe(true);
      expect(t.logs.filter(leaks)).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  test("in process: a report that expires undelivered is tombstoned without its text", async () => {
    const clock = new FakeClock();
    const t = await startTestHub({ clock, extra: { retentionMs: 60_000 } });
    try {
      const key = await addDoctor(t, "dr-b");
      const token = await addProducer(t);
      expect(
        (await publish(t, token, { doctor_id: "dr-b", patient: { name: PATIENT }, report: report(2) })).status,
      ).toBe(202);
      clock.advance(120_000);
      const { socket } = await openV2(t, key);
      const expired = V2Deliver.parse((await socket.next()).json);
      expect(expired.event).toBe("report_expired");
      expect(leaks(JSON.stringify(expired))).toBe(false);
      socket.close();
      expect(t.logs.filter(leaks)).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});
