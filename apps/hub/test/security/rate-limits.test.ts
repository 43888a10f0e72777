import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { ApiError, CloseCode, ErrorMessage, V2CloseCode } from "@sofia/protocol";
import { FakeClock, TestSocket } from "@sofia/testing";
import { io } from "socket.io-client";
import { EnrollmentService } from "../../src/services/enrollment.ts";
import { startCareTeamHub } from "../support/care-team-hub.ts";
import { addDoctor, addProducer, startTestHub, type TestHub } from "../support/test-hub.ts";

const WINDOW_MS = 60_000;
const LIMIT = 3;

/**
 * Refused authentications are limited per address and per claimed credential, over HTTP and
 * sockets and for enrollment codes, with `429` + `Retry-After` and documented closes (issue 13,
 * risk 4). The hub trusts `X-Forwarded-For` here, so each test can speak from several addresses.
 */
describe("rate limits on refused authentication", () => {
  let t: TestHub;
  let clock: FakeClock;
  let token: string;
  let key: string;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await startTestHub({
      clock,
      extra: {
        trustProxy: true,
        authLimits: {
          perAddress: { maxFailures: LIMIT, windowMs: WINDOW_MS, maxSources: 100 },
          perCredential: { maxFailures: LIMIT, windowMs: WINDOW_MS, maxSources: 100 },
        },
      },
    });
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  /** A producer token with the same id as `token` and the wrong secret. */
  const wrongSecret = (secret: string) => `${secret.slice(0, -4)}AAAA`;
  const from = (address: string, secret: string) =>
    fetch(`${t.url}/v1/reports/rep_x`, { headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": address } });

  test("an address over its refusals gets 429 with Retry-After, even with a valid token, until the window ends", async () => {
    for (let i = 0; i < LIMIT; i++) expect((await from("203.0.113.7", "spt_nonsense")).status).toBe(401);
    const refused = await from("203.0.113.7", token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(ApiError.parse(await refused.json()).error.code).toBe("rate_limited");
    expect((await from("198.51.100.9", token)).status).toBe(404); // another address is unaffected
    clock.advance(30_000);
    expect((await from("203.0.113.7", token)).headers.get("retry-after")).toBe("30");
    clock.advance(30_000);
    expect((await from("203.0.113.7", token)).status).toBe(404); // authenticated: the report is unknown
  });

  test("guesses at one credential from many addresses close it to those addresses, never to its holder", async () => {
    const guess = wrongSecret(token);
    for (let i = 0; i < LIMIT; i++) expect((await from(`192.0.2.${i + 1}`, guess)).status).toBe(401);
    // The id has drawn its refusals: an address that already failed gets no more tries at it...
    expect((await from("192.0.2.1", guess)).status).toBe(429);
    // ...while an address with a clean record is still verified: the holder of the secret gets in.
    expect((await from("198.51.100.20", token)).status).toBe(404);
    expect((await from("198.51.100.21", guess)).status).toBe(401);
  });

  test("the founders' /hi route counts refusals too", async () => {
    const hi = (secret: string) =>
      fetch(`${t.url}/hi`, { headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": "203.0.113.8" } });
    for (let i = 0; i < LIMIT; i++) expect((await hi("sdk_wrong")).status).toBe(401);
    expect((await hi(key)).status).toBe(429);
  });

  test("sockets: v1 closes 1008 and v2 closes 4005 once the address is over its refusals", async () => {
    for (let i = 0; i < LIMIT; i++) {
      const bad = await TestSocket.open(t.v2Url);
      bad.send(JSON.stringify({ type: "auth", credential: "sdt_nonsense" }));
      expect((await bad.closed).code).toBe(V2CloseCode.UNAUTHORIZED);
    }
    // Sockets carry no X-Forwarded-For here: they come from 127.0.0.1, the address that failed.
    const v2 = await TestSocket.open(t.v2Url).catch(() => null);
    // The upgrade itself is refused with 429 before a socket exists...
    expect(v2).toBeNull();
    const upgrade = await fetch(`${t.url}/v2/ws`);
    expect(upgrade.status).toBe(429);
    expect(upgrade.headers.get("retry-after")).toBe("60");
  });

  test("sockets already open when the limit is reached are refused at auth with the documented close", async () => {
    const v1 = await TestSocket.open(t.wsUrl);
    const v2 = await TestSocket.open(t.v2Url);
    for (let i = 0; i < LIMIT; i++) {
      const bad = await TestSocket.open(t.wsUrl);
      bad.send(JSON.stringify({ doctor_key: "sdk_nonsense" }));
      expect((await bad.closed).code).toBe(CloseCode.POLICY_VIOLATION);
    }
    v1.send(JSON.stringify({ doctor_key: key }));
    expect(ErrorMessage.parse((await v1.next()).json).message).toBe(
      "too many failed authentication attempts; retry in 60 s",
    );
    expect((await v1.closed).code).toBe(CloseCode.POLICY_VIOLATION);
    v2.send(JSON.stringify({ type: "auth", credential: key }));
    expect((await v2.closed).code).toBe(V2CloseCode.RATE_LIMITED);
  });

  test("enrollment codes: wrong codes from one address lead to 429, even for a valid code", async () => {
    const enroll = (code: string) =>
      fetch(`${t.url}/v1/agents/enroll`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
        body: JSON.stringify({ code, device: { name: "PC" } }),
      });
    for (let i = 0; i < LIMIT; i++) expect((await enroll(`WRONG-CODE-${i}`)).status).toBe(401);
    const issued = await new EnrollmentService(t.store, clock).createCode("clinic-a", "dr-a");
    const blocked = await enroll(issued?.code ?? "");
    expect(blocked.status).toBe(429);
    clock.advance(WINDOW_MS);
    expect((await enroll(issued?.code ?? "")).status).toBe(201);
  });

  test("a success does not reset the count: one valid token buys no extra guesses", async () => {
    for (let i = 0; i < LIMIT - 1; i++) expect((await from("203.0.113.10", "spt_nonsense")).status).toBe(401);
    expect((await from("203.0.113.10", token)).status).toBe(404);
    expect((await from("203.0.113.10", "spt_nonsense")).status).toBe(401);
    expect((await from("203.0.113.10", token)).status).toBe(429);
  });
});

describe("the audit trail of refused attempts is aggregated", () => {
  test("a flood of wrong codes and keys writes two rows per address, not one per attempt", async () => {
    const t = await startTestHub({ extra: { trustProxy: true } });
    const codes = 30; // past the default limit of 20: rate-limited attempts are counted too
    const keys = 15; // sockets come from 127.0.0.1: stay under its limit so each one is verified
    for (let i = 0; i < codes; i++) {
      await fetch(`${t.url}/v1/agents/enroll`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.50" },
        body: JSON.stringify({ code: `WRONG-${i}`, device: { name: "PC" } }),
      });
    }
    for (let i = 0; i < keys; i++) {
      const v1 = await TestSocket.open(t.wsUrl);
      v1.send(JSON.stringify({ doctor_key: "sdk_nonsense" }));
      await v1.closed;
    }
    const rows = async (action: string) =>
      (await t.store.audit.recent(1000)).filter((e) => e.action === action).map((e) => e.detail);
    // The first refusal of each source is recorded at once...
    expect(await rows("agent.enroll_failed")).toEqual([
      { remote: "203.0.113.50", reason: "invalid_code", attempts: 1 },
    ]);
    expect(await rows("socket.auth_failed")).toEqual([{ remote: "127.0.0.1", reason: "malformed", attempts: 1 }]);
    await t.hub.stop(); // ...and the repeats as one row, at the latest when the hub stops.
    const [enrollRepeats] = await rows("agent.enroll_failed");
    expect(enrollRepeats).toMatchObject({
      remote: "203.0.113.50",
      attempts: codes - 1,
      "reason.invalid_code": 19,
      "reason.rate_limited": 10,
    });
    const [socketRepeats] = await rows("socket.auth_failed");
    expect(socketRepeats).toMatchObject({ remote: "127.0.0.1", attempts: keys - 1, "reason.malformed": keys - 1 });
    expect((await t.store.audit.recent(1000)).length).toBeLessThan(10);
    await t.store.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  });
});

describe("care-team users' tokens count against the same limits", () => {
  test("bad JWTs on /v2/ws and Socket.IO share the address's count, and are audited", async () => {
    const limits = { maxFailures: LIMIT, windowMs: WINDOW_MS, maxSources: 100 };
    const hub = await startCareTeamHub({ extra: { authLimits: { perAddress: limits, perCredential: limits } } });
    try {
      const forged = await hub.token("pat-1", "patient", {}, "not-the-clinic-secret-0123456789abcdef");
      const v2 = async () => {
        const socket = await TestSocket.open(hub.t.v2Url);
        socket.send(JSON.stringify({ type: "auth", credential: forged }));
        return (await socket.closed).code;
      };
      const socketIo = async (token: string) => {
        const socket = io(hub.t.url, { auth: { token }, transports: ["websocket"], reconnection: false });
        const outcome = await new Promise<string>((resolve) => {
          socket.on("connect", () => resolve("connected"));
          socket.on("connect_error", (error) => resolve(error.message));
        });
        socket.disconnect();
        return outcome;
      };
      expect(await v2()).toBe(V2CloseCode.UNAUTHORIZED);
      expect(await v2()).toBe(V2CloseCode.UNAUTHORIZED);
      expect(await socketIo(forged)).toBe("bad_signature");
      // Three refusals from 127.0.0.1: even a valid token is now turned away, on every transport.
      expect(await socketIo(await hub.token("pat-1", "patient"))).toBe("rate_limited");
      expect((await fetch(`${hub.t.url}/v2/ws`)).status).toBe(429);
      const actions = (await hub.t.store.audit.recent(50)).map((e) => e.action);
      expect(actions).toContain("socket.auth_failed");
      expect(actions).toContain("socketio.auth_failed");
    } finally {
      await hub.stop();
    }
  });
});
