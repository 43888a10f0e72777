import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CloseCode, PublishReportResponse, V2CloseCode, V2Deliver, V2Welcome } from "@sofia/protocol";
import { TestSocket } from "@sofia/testing";
import { EnrollmentService } from "../../src/services/enrollment.ts";
import { addDoctor, openV2, publish, sampleReport, startTestHub, type TestHub } from "../support/test-hub.ts";

/**
 * Who may do what, route by route and socket by socket: every credential the hub knows (and a few
 * it must not), against every entry point. Each cell is a separate request on loopback.
 */

/** The credentials of the matrix, by name. Filled in `beforeAll`. */
const c: Record<string, string> = {};
const CREDENTIALS = [
  "none",
  "malformed",
  "unknown",
  "revoked producer",
  "doctor key",
  "device token",
  "read-only producer",
  "other clinic's producer",
  "clinic producer",
  "all-clinics producer",
] as const;
type Who = (typeof CREDENTIALS)[number];

let t: TestHub;
let reportId = "";
beforeAll(async () => {
  // Hundreds of deliberate refusals from 127.0.0.1: the rate limits have their own tests.
  const generous = { maxFailures: 100_000, windowMs: 60_000, maxSources: 100 };
  t = await startTestHub({ extra: { authLimits: { perAddress: generous, perCredential: generous } } });
  c["doctor key"] = await addDoctor(t, "dr-a", "clinic-a");
  c["other doctor key"] = await addDoctor(t, "dr-b", "clinic-b");
  const token = async (name: string, scopes: ("reports:publish" | "reports:read")[], clinicId?: string) =>
    (await t.admin.createProducerToken({ name, scopes, ...(clinicId ? { clinicId } : {}) })).secret;
  c["read-only producer"] = await token("reader", ["reports:read"], "clinic-a");
  c["other clinic's producer"] = await token("other", ["reports:publish"], "clinic-b");
  c["clinic producer"] = await token("clinic", ["reports:publish"], "clinic-a");
  c["all-clinics producer"] = await token("all", ["reports:publish", "reports:read"]);
  const revoked = await t.admin.createProducerToken({ name: "gone", scopes: ["reports:publish"] });
  await t.admin.revoke(revoked.credential.id);
  c["revoked producer"] = revoked.secret;
  c.malformed = "not-a-token";
  c.unknown = `spt_0123456789abcdef_${"A".repeat(43)}`;
  const code = await new EnrollmentService(t.store, { now: Date.now, setTimeout: () => ({ cancel() {} }) }).createCode(
    "clinic-a",
    "dr-a",
  );
  const enrolled = await fetch(`${t.url}/v1/agents/enroll`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: code?.code, device: { name: "PC" } }),
  });
  c["device token"] = String(((await enrolled.json()) as { device_token: string }).device_token);
  const published = await publish(t, c["clinic producer"] ?? "", { doctor_id: "dr-a", report: sampleReport() });
  reportId = PublishReportResponse.parse(await published.json()).id;
});
afterAll(() => t.stop());

const headers = (who: Who): Record<string, string> =>
  who === "none" ? {} : { authorization: `Bearer ${c[who]}`, "content-type": "application/json" };

/** No producer token at all, or one that is not valid: every producer route answers `401`. */
const NOT_A_PRODUCER = {
  none: 401,
  malformed: 401,
  unknown: 401,
  "revoked producer": 401,
  "doctor key": 401,
  "device token": 401,
} as const;

/** Expected status per credential for each HTTP route. */
const ROUTES: { route: string; call: (who: Who) => Promise<Response>; expect: Record<Who, number> }[] = [
  {
    route: "POST /v1/reports",
    call: (who) =>
      fetch(`${t.url}/v1/reports`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers(who) },
        body: JSON.stringify({ doctor_id: "dr-a", report: sampleReport() }),
      }),
    expect: {
      ...NOT_A_PRODUCER,
      "read-only producer": 403,
      "other clinic's producer": 404, // indistinguishable from a doctor that does not exist
      "clinic producer": 202,
      "all-clinics producer": 202,
    },
  },
  {
    route: "GET /v1/reports/:id",
    call: (who) => fetch(`${t.url}/v1/reports/${reportId}`, { headers: headers(who) }),
    expect: {
      ...NOT_A_PRODUCER,
      "read-only producer": 200,
      "other clinic's producer": 404,
      "clinic producer": 200,
      "all-clinics producer": 200,
    },
  },
  {
    route: "GET /v1/webhook",
    call: (who) => fetch(`${t.url}/v1/webhook`, { headers: headers(who) }),
    expect: {
      ...NOT_A_PRODUCER,
      "read-only producer": 403,
      "other clinic's producer": 404, // none registered: each token has its own
      "clinic producer": 404,
      "all-clinics producer": 404,
    },
  },
  {
    route: "PUT /v1/webhook",
    call: (who) =>
      fetch(`${t.url}/v1/webhook`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...headers(who) },
        body: JSON.stringify({ url: "https://127.0.0.1/hook" }), // refused after auth: not public
      }),
    expect: {
      ...NOT_A_PRODUCER,
      "read-only producer": 403,
      "other clinic's producer": 400,
      "clinic producer": 400,
      "all-clinics producer": 400,
    },
  },
  {
    route: "GET /hi",
    call: (who) => fetch(`${t.url}/hi`, { headers: headers(who) }),
    expect: {
      none: 401,
      malformed: 401,
      unknown: 401,
      "revoked producer": 401,
      "doctor key": 200,
      "device token": 401,
      "read-only producer": 401,
      "other clinic's producer": 401,
      "clinic producer": 401,
      "all-clinics producer": 401,
    },
  },
  {
    route: "GET /v1/reports/:id/report.docx (no signature)",
    call: (who) => fetch(`${t.url}/v1/reports/${reportId}/report.docx`, { headers: headers(who) }),
    expect: Object.fromEntries(CREDENTIALS.map((who) => [who, 403])) as Record<Who, number>,
  },
  {
    route: "GET /healthz",
    call: (who) => fetch(`${t.url}/healthz`, { headers: headers(who) }),
    expect: Object.fromEntries(CREDENTIALS.map((who) => [who, 200])) as Record<Who, number>,
  },
];

describe("HTTP: every route against every credential", () => {
  for (const { route, call, expect: expected } of ROUTES) {
    test(route, async () => {
      const actual: Record<string, number> = {};
      for (const who of CREDENTIALS) actual[who] = (await call(who)).status;
      expect(actual).toEqual(expected);
    });
  }

  test("POST /v1/agents/enroll: the code is the credential, good once", async () => {
    const enroll = (code: string) =>
      fetch(`${t.url}/v1/agents/enroll`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${c["all-clinics producer"]}` },
        body: JSON.stringify({ code, device: { name: "PC" } }),
      });
    const issued = await new EnrollmentService(t.store, {
      now: Date.now,
      setTimeout: () => ({ cancel() {} }),
    }).createCode("clinic-a", "dr-a");
    const code = issued?.code ?? "";
    expect((await enroll("AAAA-BBBB-CCCC-DDDD")).status).toBe(401); // a bearer token is no code
    expect((await enroll(code.toLowerCase())).status).toBe(201);
    expect((await enroll(code)).status).toBe(401);
  });
});

/** What a v1 socket authenticating with `secret` gets: "open" or the close code. */
async function v1Outcome(secret: string | undefined): Promise<string | number> {
  const socket = await TestSocket.open(t.wsUrl);
  socket.send(JSON.stringify({ doctor_key: secret ?? "" }));
  socket.send("ping");
  const first = await socket.next();
  if (first.text === "pong") {
    socket.close();
    return "open";
  }
  return (await socket.closed).code;
}

/** What a v2 socket authenticating with `secret` gets: "welcome" or the close code. */
async function v2Outcome(secret: string | undefined): Promise<string | number> {
  const socket = await TestSocket.open(t.v2Url);
  socket.send(JSON.stringify({ type: "auth", credential: secret ?? "" }));
  const first = await socket.next();
  if (V2Welcome.safeParse(first.json).success) {
    socket.close();
    return "welcome";
  }
  return (await socket.closed).code;
}

describe("sockets: every credential on /reports/ws and /v2/ws", () => {
  test("/reports/ws takes only a doctor key", async () => {
    const actual: Record<string, string | number> = {};
    for (const who of CREDENTIALS) actual[who] = await v1Outcome(who === "none" ? "" : c[who]);
    const refused = CloseCode.POLICY_VIOLATION;
    expect(actual).toEqual({
      ...Object.fromEntries(CREDENTIALS.map((who) => [who, refused])),
      "doctor key": "open",
    });
  });

  test("/v2/ws takes a doctor key or a device token", async () => {
    const actual: Record<string, string | number> = {};
    for (const who of CREDENTIALS) actual[who] = await v2Outcome(who === "none" ? "" : c[who]);
    expect(actual).toEqual({
      ...Object.fromEntries(CREDENTIALS.map((who) => [who, V2CloseCode.UNAUTHORIZED])),
      none: V2CloseCode.PROTOCOL_VIOLATION, // an empty credential is not a valid auth message
      "revoked producer": V2CloseCode.UNAUTHORIZED, // a producer token cannot connect, revoked or not
      "doctor key": "welcome",
      "device token": "welcome",
    });
  });

  test("a revoked doctor key is refused on both, with v2's revocation code", async () => {
    const { key } = await t.admin.addDoctor({ doctorId: "dr-gone", clinicId: "clinic-a" });
    await t.admin.revoke(key.credential.id);
    expect(await v1Outcome(key.secret)).toBe(CloseCode.POLICY_VIOLATION);
    expect(await v2Outcome(key.secret)).toBe(V2CloseCode.CREDENTIAL_REVOKED);
  });

  test("a doctor's socket gets that doctor's reports only, and may not report on another's", async () => {
    const { socket } = await openV2(t, c["other doctor key"] ?? "");
    const forA = await publish(t, c["all-clinics producer"] ?? "", { doctor_id: "dr-a", report: sampleReport() });
    const forB = await publish(t, c["all-clinics producer"] ?? "", { doctor_id: "dr-b", report: sampleReport() });
    const idA = PublishReportResponse.parse(await forA.json()).id;
    const idB = PublishReportResponse.parse(await forB.json()).id;
    // Published after A's, B's report is the first this socket receives: A's never came.
    const first = V2Deliver.parse((await socket.next()).json);
    expect(first.event === "report_ready" && first.data.report_id).toBe(idB);
    socket.send(JSON.stringify({ type: "status", status_id: "x", report_id: idA, status: "written" }));
    expect((await socket.next()).json).toMatchObject({
      type: "error",
      fatal: false,
      message: `unknown report "${idA}"`,
    });
    socket.close();
  });
});
