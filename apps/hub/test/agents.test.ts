import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { CloseCode, EnrollResponse, V2CloseCode, V2Error } from "@sofia/protocol";
import { closedWithin, TestSocket } from "@sofia/testing";
import { EnrollmentService } from "../src/services/enrollment.ts";
import { runHubCli } from "./support/hub-process.ts";
import {
  addDoctor,
  addProducer,
  nextDeliveries,
  openV2,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "./support/test-hub.ts";

describe("agent enrollment and device tokens", () => {
  let t: TestHub;
  let token: string;

  beforeEach(async () => {
    t = await startTestHub();
    await addDoctor(t, "dr-a", "clinic-a");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  /** Issues a code with the real CLI, as an operator would. */
  function issueCode(doctor = "dr-a", clinic = "clinic-a"): string {
    const run = runHubCli([
      "agents",
      "enroll",
      "--clinic",
      clinic,
      "--doctor",
      doctor,
      "--json",
      "--data-dir",
      t.dataDir,
    ]);
    expect(run.code).toBe(0);
    const parsed: unknown = JSON.parse(run.stdout);
    if (typeof parsed !== "object" || parsed === null || !("code" in parsed)) throw new Error(run.stdout);
    return String(parsed.code);
  }

  const enroll = (code: string, name = "Operatory 1") =>
    fetch(`${t.url}/v1/agents/enroll`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code, device: { name, hostname: "OP1-PC", os: "windows" } }),
    });

  async function enrolled(name?: string) {
    const response = await enroll(issueCode(), name);
    expect(response.status).toBe(201);
    return EnrollResponse.parse(await response.json());
  }

  test("a code is exchanged once for a device token bound to the clinic and doctor", async () => {
    const code = issueCode();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const response = await enroll(code.toLowerCase()); // read out over the phone: case does not matter
    expect(response.status).toBe(201);
    const body = EnrollResponse.parse(await response.json());
    expect(body).toMatchObject({ doctor_id: "dr-a", clinic_id: "clinic-a" });
    expect(body.device_token).toMatch(/^sdt_/);
    const again = await enroll(code);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: "invalid_enrollment_code" } });
    const { welcome, socket } = await openV2(t, body.device_token);
    expect(welcome.principal).toMatchObject({ kind: "agent", doctor_id: "dr-a", agent_id: body.agent_id });
    socket.close();
  });

  test("an expired code is refused", async () => {
    const past = { now: () => Date.now() - 2 * 24 * 3_600_000, setTimeout: () => ({ cancel() {} }) };
    const issued = await new EnrollmentService(t.store, past).createCode("clinic-a", "dr-a");
    expect((await enroll(issued?.code ?? "")).status).toBe(401);
  });

  test("a code for a doctor of another clinic is not issued", () => {
    const run = runHubCli(["agents", "enroll", "--clinic", "clinic-x", "--doctor", "dr-a", "--data-dir", t.dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No doctor "dr-a" in clinic "clinic-x"');
  });

  test("an invalid enrollment body is 400 with field messages", async () => {
    const response = await fetch(`${t.url}/v1/agents/enroll`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: "X" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { device: [expect.any(String)] } } });
  });

  test("device tokens are for v2: /reports/ws refuses them with 1008", async () => {
    const { device_token } = await enrolled();
    const socket = await TestSocket.open(t.wsUrl);
    socket.send(JSON.stringify({ doctor_key: device_token }));
    expect((await closedWithin(socket, 2000)).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test("by default one agent per doctor: a second agent replaces the first and resumes where it stopped", async () => {
    const first = await enrolled("PC 1");
    const second = await enrolled("PC 2");
    await publish(t, token, { doctor_id: "dr-a", report: sampleReport("one") });
    const a = await openV2(t, first.device_token);
    const [delivery] = await nextDeliveries(a.socket, 1);
    a.socket.send(JSON.stringify({ type: "ack", seq: delivery?.seq }));
    await a.socket.roundTripV2();
    const b = await openV2(t, second.device_token);
    expect(V2Error.parse((await a.socket.next()).json).code).toBe(V2CloseCode.REPLACED);
    expect(b.welcome.resume_from).toBe(1);
    b.socket.close();
  });

  test("a clinic that allows several agents: each is connected and receives each new report", async () => {
    expect(
      runHubCli(["clinics", "set", "--clinic", "clinic-a", "--multiple-agents", "on", "--data-dir", t.dataDir]).code,
    ).toBe(0);
    await publish(t, token, { doctor_id: "dr-a", report: sampleReport("before") });
    const first = await enrolled("PC 1");
    const second = await enrolled("PC 2");
    const a = await openV2(t, first.device_token);
    const b = await openV2(t, second.device_token);
    // Agents start with reports published after their first connection: an added operatory PC
    // must not re-file a month of notes.
    expect(a.welcome.resume_from).toBe(1);
    await publish(t, token, { doctor_id: "dr-a", report: sampleReport("after") });
    expect((await nextDeliveries(a.socket, 1))[0]?.seq).toBe(2);
    expect((await nextDeliveries(b.socket, 1))[0]?.seq).toBe(2);
    a.socket.close();
    b.socket.close();
  });

  test("revoking a device token with keys revoke closes its socket with 4101", async () => {
    const agent = await enrolled();
    const { socket } = await openV2(t, agent.device_token);
    const run = runHubCli(["keys", "revoke", agent.device_token.slice(0, 20), "--data-dir", t.dataDir]);
    expect(run.code).toBe(0);
    expect((await closedWithin(socket, 1500)).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
  });

  test("agents list shows the enrolled agent and its key id", async () => {
    const agent = await enrolled("Front desk");
    const out = runHubCli(["agents", "list", "--json", "--data-dir", t.dataDir]).stdout;
    expect(out).toContain(agent.agent_id);
    expect(out).toContain(agent.device_token.slice(0, 20));
  });
});
