import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { CloseCode, V2CloseCode, V2Welcome } from "@sofia/protocol";
import { TestSocket } from "@sofia/testing";
import { io } from "socket.io-client";
import { browserOriginAllowed, normalizeOrigin } from "../../src/security/browser-origin.ts";
import { type CareTeamHub, startCareTeamHub } from "../support/care-team-hub.ts";
import { addDoctor, openV2, startTestHub, type TestHub } from "../support/test-hub.ts";

/** A socket opened as a web page on `origin` would open it: browsers always send `Origin`. */
const fromPage = (url: string, origin: string) => TestSocket.open(url, { Origin: origin });

describe("the origin rule", () => {
  test.each([
    [null, [], true], // a native client sends no Origin
    ["", [], true],
    ["https://app.example.com", [], false], // default: no web page
    ["https://app.example.com", ["https://app.example.com"], true],
    ["https://APP.example.com:443", ["https://app.example.com"], true],
    ["http://app.example.com", ["https://app.example.com"], false],
    ["https://app.example.com.evil.example", ["https://app.example.com"], false],
    ["https://app.example.com:8443", ["https://app.example.com"], false],
    ["null", ["https://app.example.com"], false], // sandboxed iframes, file: pages
    ["not a url", ["https://app.example.com"], false],
  ] as const)("Origin %p, allowed %p → %p", (origin, allowed, expected) => {
    expect(browserOriginAllowed(origin, allowed)).toBe(expected);
  });

  test("an origin names scheme, host and port, nothing else", () => {
    expect(normalizeOrigin("https://App.Example.com:443/")).toBe("https://app.example.com");
    expect(normalizeOrigin("http://localhost:5173")).toBe("http://localhost:5173");
    for (const bad of [
      "https://a.example/path",
      "https://a.example?q",
      "https://u@a.example",
      "ftp://a.example",
      "null",
    ])
      expect(normalizeOrigin(bad)).toBeNull();
  });
});

/** Issue 13, risk 9: a web page on any site could open the hub's sockets. */
describe("sockets from web pages need their origin allowed by the clinic", () => {
  let t: TestHub;
  let key: string;
  beforeEach(async () => {
    t = await startTestHub();
    key = await addDoctor(t, "dr-a");
  });
  afterEach(() => t.stop());

  test("a page from an origin the clinic does not allow is refused on v1 and v2, and audited", async () => {
    const v2 = await fromPage(t.v2Url, "https://evil.example");
    v2.send(JSON.stringify({ type: "auth", credential: key }));
    expect((await v2.closed).code).toBe(V2CloseCode.ORIGIN_NOT_ALLOWED);
    const v1 = await fromPage(t.wsUrl, "https://evil.example");
    v1.send(JSON.stringify({ doctor_key: key }));
    expect((await v1.next()).json).toMatchObject({
      type: "error",
      code: 1008,
      message: expect.stringContaining("origin"),
    });
    expect((await v1.closed).code).toBe(CloseCode.POLICY_VIOLATION);
    const refusals = (await t.store.audit.recent(20)).filter((e) => e.action === "socket.origin_refused");
    expect(refusals.map((e) => e.detail.origin)).toEqual(["https://evil.example", "https://evil.example"]);
  });

  test("a page from an allowed origin connects; a native client without Origin always could", async () => {
    await t.store.directory.setAllowedOrigins("clinic-a", ["https://app.example.com"]);
    const page = await fromPage(t.v2Url, "https://app.example.com");
    page.send(JSON.stringify({ type: "auth", credential: key }));
    expect(V2Welcome.parse((await page.next()).json).principal).toMatchObject({ doctor_id: "dr-a" });
    page.close();
    const v1Page = await fromPage(t.wsUrl, "https://app.example.com");
    v1Page.send(JSON.stringify({ doctor_key: key }));
    await v1Page.roundTrip(); // authenticated: the socket stays open and answers
    v1Page.close();
    const { welcome } = await openV2(t, key); // a native client: no Origin
    expect(welcome.principal).toMatchObject({ doctor_id: "dr-a" });
  });
});

/** The same rule for care-team users, whose tokens are what a page on another site would want. */
describe("care-team users' pages need their origin allowed too", () => {
  let hub: CareTeamHub;
  beforeEach(async () => {
    hub = await startCareTeamHub();
  });
  afterEach(() => hub.stop());

  const userV2 = async (origin: string) => {
    const socket = await fromPage(hub.t.v2Url, origin);
    socket.send(JSON.stringify({ type: "auth", credential: await hub.token("pat-1", "patient") }));
    const first = (await socket.next()).json as { type: string; code?: number };
    socket.close();
    return first.type === "welcome" ? "welcome" : first.code;
  };
  const userSocketIo = async (origin: string) => {
    // Long-polling: its requests carry the extra headers in every runtime.
    const socket = io(hub.t.url, {
      auth: { token: await hub.token("pat-1", "patient") },
      transports: ["polling"],
      extraHeaders: { Origin: origin },
      reconnection: false,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.on("connect", () => resolve("connected"));
      socket.on("connect_error", (error) => resolve(error.message));
    });
    socket.disconnect();
    return outcome;
  };

  test("a user's page from another origin is refused on /v2/ws and Socket.IO; from an allowed one it connects", async () => {
    expect(await userV2("https://evil.example")).toBe(V2CloseCode.ORIGIN_NOT_ALLOWED);
    expect(await userSocketIo("https://evil.example")).toBe("origin_not_allowed");
    await hub.t.store.directory.setAllowedOrigins("clinic-a", ["https://care.example-clinic.org"]);
    expect(await userV2("https://care.example-clinic.org")).toBe("welcome");
    expect(await userSocketIo("https://care.example-clinic.org")).toBe("connected");
    const refusals = (await hub.t.store.audit.recent(50)).filter((e) => e.action === "socket.origin_refused");
    expect(refusals.map((e) => e.actor)).toEqual(["user:clinic-a:pat-1", "user:clinic-a:pat-1"]);
  });
});
