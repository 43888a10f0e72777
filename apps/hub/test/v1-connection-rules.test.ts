import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { CloseCode, ErrorMessage, HiMessage, HiResponse, ReportReadyMessage } from "@sofia/protocol";
import { closedWithin, FakeClock, TestSocket } from "@sofia/testing";
import { runHubCli } from "./support/hub-process.ts";
import { addDoctor, addProducer, publish, sampleReport, startTestHub, type TestHub } from "./support/test-hub.ts";

describe("connection rules", () => {
  let t: TestHub;
  let key: string;
  // Revocations are polled on this clock: a test moves it past one poll instead of waiting for one.
  let polls: FakeClock;
  const POLL_MS = 100;

  beforeEach(async () => {
    polls = new FakeClock();
    t = await startTestHub({ extra: { pollClock: polls, revocationPollMs: POLL_MS } });
    key = await addDoctor(t, "dr-a", "clinic-a", "Dr. Ada");
  });
  afterEach(() => t.stop());

  test("one active connection per doctor: the newest wins, the older is told why and closed with 4001", async () => {
    const older = await TestSocket.authenticated(t.wsUrl, key);
    const newer = await TestSocket.authenticated(t.wsUrl, key);
    const error = ErrorMessage.parse((await older.next()).json);
    expect(error).toEqual({
      type: "error",
      code: CloseCode.REPLACED,
      message: "replaced by a newer connection for this doctor",
    });
    expect((await closedWithin(older, 2000)).code).toBe(CloseCode.REPLACED);
    const token = await addProducer(t);
    await publish(t, token, { doctor_id: "dr-a", report: sampleReport() });
    expect(ReportReadyMessage.parse((await newer.next()).json).report_id).toStartWith("rep_");
    newer.close();
  });

  test("the rule is per doctor: two doctors stay connected side by side", async () => {
    const otherKey = await addDoctor(t, "dr-b");
    const a = await TestSocket.authenticated(t.wsUrl, key);
    const b = await TestSocket.authenticated(t.wsUrl, otherKey);
    await a.roundTrip();
    expect(a.readyState).toBe(WebSocket.OPEN);
    expect(t.hub.registry.size).toBe(2);
    a.close();
    b.close();
  });

  test("revoking a key closes its live socket with 1008 at the next revocation poll", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const [credential] = await t.store.credentials.list({ doctorId: "dr-a" });
    await t.admin.revoke(credential?.id ?? "");
    polls.advance(POLL_MS);
    const error = ErrorMessage.parse((await socket.next()).json);
    expect(error).toMatchObject({ code: CloseCode.POLICY_VIOLATION, message: "credential revoked" });
    expect((await socket.closed).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test("revoking with the CLI, from another process, closes the live socket at the next poll", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const [credential] = await t.store.credentials.list({ doctorId: "dr-a" });
    const run = runHubCli(["keys", "revoke", credential?.id ?? "", "--data-dir", t.dataDir]);
    expect(run.code).toBe(0);
    // The hub learns of it only through the store's revocation feed, which it polls (250 ms in
    // production: "within a second" is that interval plus the CLI's own start).
    polls.advance(POLL_MS);
    expect((await socket.closed).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test("revoking one key leaves the doctor's other keys working", async () => {
    const doctor = await t.store.directory.getDoctor("dr-a");
    if (!doctor) throw new Error("doctor missing");
    const second = await t.admin.issueDoctorKey(doctor);
    const [first] = await t.store.credentials.list({ doctorId: "dr-a" });
    // Another doctor's key revoked in the same poll: its socket closing proves the poll ran.
    const witness = await TestSocket.authenticated(t.wsUrl, await addDoctor(t, "dr-b"));
    const [witnessKey] = await t.store.credentials.list({ doctorId: "dr-b" });
    const kept = await TestSocket.authenticated(t.wsUrl, second.secret);
    await t.admin.revoke(first?.id ?? "");
    await t.admin.revoke(witnessKey?.id ?? "");
    polls.advance(POLL_MS);
    expect((await witness.closed).code).toBe(CloseCode.POLICY_VIOLATION);
    await kept.roundTrip();
    expect(kept.readyState).toBe(WebSocket.OPEN);
    kept.close();
  });

  test("GET /hi tells every live socket of the doctor, by name, and says how many", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    const response = await fetch(`${t.url}/hi`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect(HiResponse.parse(await response.json())).toEqual({ doctor_id: "dr-a", sockets: 1 });
    expect(HiMessage.parse((await socket.next()).json)).toEqual({
      type: "hi",
      message: "hi Dr. Ada, you have hit the route hi",
    });
    socket.close();
    await socket.closed;
    const none = await fetch(`${t.url}/hi`, { headers: { authorization: `Bearer ${key}` } });
    expect(HiResponse.parse(await none.json()).sockets).toBe(0);
  });

  test.each([
    ["no Authorization header", undefined],
    ["a wrong key", "Bearer sdk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a malformed header", "Basic abc"],
  ])("GET /hi with %s is 401", async (_, header) => {
    const response = await fetch(`${t.url}/hi`, header ? { headers: { authorization: header } } : {});
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
  });
});
