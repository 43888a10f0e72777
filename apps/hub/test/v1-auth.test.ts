import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { AUTH_TIMEOUT_MS, CloseCode, ErrorMessage } from "@sofia/protocol";
import { closedWithin, FakeClock, TestSocket } from "@sofia/testing";
import { addDoctor, startTestHub, type TestHub } from "./support/test-hub.ts";

describe("/reports/ws authentication (spec: auth message within 10 s, else 1008)", () => {
  let t: TestHub;
  let clock: FakeClock;
  let key: string;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await startTestHub({ clock });
    key = await addDoctor(t, "dr-a");
  });
  afterEach(() => t.stop());

  test("a socket that sends nothing is told why and closed with 1008 after exactly 10 s", async () => {
    const socket = await TestSocket.open(t.wsUrl);
    await socket.roundTrip(); // the socket is open and its deadline armed
    clock.advance(AUTH_TIMEOUT_MS - 1);
    await socket.roundTrip();
    expect(socket.readyState).toBe(WebSocket.OPEN);
    clock.advance(1);
    const error = ErrorMessage.parse((await socket.next()).json);
    expect(error.code).toBe(CloseCode.POLICY_VIOLATION);
    expect(error.message).toContain("authentication timeout");
    expect((await closedWithin(socket, 2000)).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test("authenticating in time cancels the deadline", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    clock.advance(AUTH_TIMEOUT_MS * 10);
    await socket.roundTrip();
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  test.each([
    ["a wrong key of the right shape", "sdk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a key of the wrong shape", "not-a-key"],
    ["a producer token instead of a doctor key", "spt_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("%s gets an error message and close 1008", async (_, badKey) => {
    const socket = await TestSocket.open(t.wsUrl);
    socket.send(JSON.stringify({ doctor_key: badKey }));
    const error = ErrorMessage.parse((await socket.next()).json);
    expect(error).toEqual({
      type: "error",
      code: CloseCode.POLICY_VIOLATION,
      message: "authentication failed: unknown or revoked doctor key",
    });
    expect((await closedWithin(socket, 2000)).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test("a revoked key is refused like a wrong one", async () => {
    const [keyId] = (await t.store.credentials.list({ doctorId: "dr-a" })).map((c) => c.id);
    expect(await t.admin.revoke(keyId ?? "")).toBe(true);
    const socket = await TestSocket.open(t.wsUrl);
    socket.send(JSON.stringify({ doctor_key: key }));
    expect(ErrorMessage.parse((await socket.next()).json).code).toBe(CloseCode.POLICY_VIOLATION);
    expect((await closedWithin(socket, 2000)).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test("ping is answered with pong, before and after authentication", async () => {
    const socket = await TestSocket.open(t.wsUrl);
    socket.send("ping");
    expect((await socket.next()).text).toBe("pong");
    socket.send(JSON.stringify({ doctor_key: key }));
    socket.send("ping");
    expect((await socket.next()).text).toBe("pong");
    socket.send(JSON.stringify({ type: "ping" }));
    expect((await socket.next()).json).toEqual({ type: "pong" });
    socket.close();
  });

  test("authentication is audited, failures included, without the secret", async () => {
    const good = await TestSocket.authenticated(t.wsUrl, key);
    const bad = await TestSocket.open(t.wsUrl);
    bad.send(JSON.stringify({ doctor_key: `${key.slice(0, -1)}X` }));
    await closedWithin(bad, 2000);
    const events = await t.store.audit.recent(10);
    const actions = events.map((e) => e.action);
    expect(actions).toContain("socket.authenticated");
    expect(actions).toContain("socket.auth_failed");
    expect(JSON.stringify(events)).not.toContain(key.slice(21));
    good.close();
  });
});
