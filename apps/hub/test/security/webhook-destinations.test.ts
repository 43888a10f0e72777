import { afterEach, describe, expect, test } from "bun:test";
import { PublishReportResponse, RegisterWebhookRequest, ReportTimeline } from "@sofia/protocol";
import type { HostResolver } from "../../src/webhooks/destination.ts";
import { vetDestination } from "../../src/webhooks/destination.ts";
import { PinnedTransport } from "../../src/webhooks/transport.ts";
import { OPENSSL, selfSignedCertificate } from "../support/certificate.ts";
import {
  addDoctor,
  addProducer,
  publish,
  putWebhook,
  sampleReport,
  startTestHub,
  type TestHub,
} from "../support/test-hub.ts";

const PUBLIC = "93.184.215.14";

/** A resolver over a table the test controls; names not in it do not resolve. */
function tableResolver(table: Record<string, string[]>): HostResolver {
  return async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses;
  };
}

const names = {
  "hooks.example.com": [PUBLIC],
  "ipv6.example.com": ["2606:4700::1111"],
  "rebind.example.com": ["127.0.0.1"],
  "metadata.example.com": ["169.254.169.254"],
  "lan.example.com": ["192.168.1.20"],
  "ula.example.com": ["fd12:3456::1"],
  "mixed.example.com": [PUBLIC, "10.0.0.7"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
};

/**
 * Every form in which a URL can name a destination the hub must not call, with the rule that
 * refuses it. `local` is the verdict when the operator allows local development targets.
 */
const CASES: readonly { url: string; refused: string | null; local: string | null }[] = [
  { url: "https://hooks.example.com/h", refused: null, local: null },
  { url: "https://ipv6.example.com/h", refused: null, local: null },
  { url: `https://${PUBLIC}/h`, refused: null, local: null },
  { url: "http://hooks.example.com/h", refused: "must be https", local: "must be https" },
  { url: "https://localhost:80@evil.example/h", refused: "user name", local: "user name" },
  { url: "https://user:pw@hooks.example.com/h", refused: "user name", local: "user name" },
  { url: "https://127.0.0.1/h", refused: "loopback", local: null },
  { url: "https://127.1/h", refused: "loopback", local: null },
  { url: "https://2130706433/h", refused: "loopback", local: null }, // decimal 127.0.0.1
  { url: "https://0x7f000001/h", refused: "loopback", local: null }, // hex
  { url: "https://0x7f.0.0.1/h", refused: "loopback", local: null }, // hex first octet
  { url: "https://017700000001/h", refused: "loopback", local: null }, // octal
  { url: "https://[::1]/h", refused: "loopback", local: null },
  { url: "https://[::ffff:127.0.0.1]/h", refused: "loopback", local: null }, // IPv4-mapped
  { url: "https://[::ffff:7f00:1]/h", refused: "loopback", local: null },
  { url: "https://[2002:7f00:1::]/h", refused: "loopback", local: null }, // 6to4 around 127.0.0.1
  { url: "https://[64:ff9b::a9fe:a9fe]/h", refused: "link-local", local: "link-local" }, // NAT64 metadata
  { url: "https://169.254.169.254/latest/meta-data/", refused: "link-local", local: "link-local" },
  { url: "https://2852039166/latest/meta-data/", refused: "link-local", local: "link-local" }, // decimal
  { url: "https://[fe80::1]/h", refused: "link-local", local: "link-local" },
  { url: "https://10.0.0.1/h", refused: "private", local: null },
  { url: "https://172.16.5.4/h", refused: "private", local: null },
  { url: "https://192.168.0.1/h", refused: "private", local: null },
  { url: "https://100.64.0.1/h", refused: "private", local: null },
  { url: "https://[fd00::1]/h", refused: "unique-local", local: null },
  { url: "https://0.0.0.0/h", refused: "reserved", local: "reserved" },
  { url: "https://[::]/h", refused: "reserved", local: "reserved" },
  { url: "https://224.0.0.1/h", refused: "reserved", local: "reserved" },
  { url: "https://255.255.255.255/h", refused: "reserved", local: "reserved" },
  { url: "https://rebind.example.com/h", refused: "loopback", local: null }, // DNS name → loopback
  { url: "https://mapped.example.com/h", refused: "loopback", local: null }, // DNS name → mapped loopback
  { url: "https://metadata.example.com/h", refused: "link-local", local: "link-local" },
  { url: "https://lan.example.com/h", refused: "private", local: null },
  { url: "https://ula.example.com/h", refused: "unique-local", local: null },
  { url: "https://mixed.example.com/h", refused: "private", local: null }, // one bad record is enough
  { url: "https://nowhere.example.com/h", refused: "does not resolve", local: "does not resolve" },
];

describe("webhook destination rules", () => {
  const resolve = tableResolver(names);

  test.each(CASES.map((c) => [c.url, c]))("%s", async (_url, c) => {
    for (const [allowLocalTargets, expected] of [
      [false, c.refused],
      [true, c.local],
    ] as const) {
      const verdict = await vetDestination(c.url, resolve, { allowLocalTargets });
      if (expected === null) expect(verdict.ok).toBe(true);
      else expect(verdict.ok ? "allowed" : verdict.reason).toContain(expected);
    }
  });

  test("the protocol schema refuses user@host before the hub looks at the host", () => {
    for (const url of ["http://localhost:80@evil.example/h", "https://a@b/", "https://a:b@c/", "https://@c/"]) {
      expect(RegisterWebhookRequest.safeParse({ url }).success).toBe(false);
    }
    expect(RegisterWebhookRequest.safeParse({ url: "https://hooks.example.com/a@b" }).success).toBe(true);
  });
});

describe("webhook destinations through the hub", () => {
  const table: Record<string, string[]> = { ...names };
  let t: TestHub;
  let token: string;
  afterEach(() => t.stop());

  const start = async (allowLocalTargets: boolean) => {
    t = await startTestHub({
      extra: {
        resolveHost: tableResolver(table),
        webhooks: { baseDelayMs: 10, pollMs: 10, maxAttempts: 2, allowLocalTargets },
      },
    });
    await addDoctor(t, "dr-a");
    token = await addProducer(t);
  };
  const timeline = async (id: string) =>
    ReportTimeline.parse(
      await (await fetch(`${t.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json(),
    );
  const publishOne = async () =>
    PublishReportResponse.parse(
      await (await publish(t, token, { doctor_id: "dr-a", report: sampleReport("hook") })).json(),
    ).id;

  test("registration refuses every form of a non-public destination", async () => {
    await start(false);
    for (const c of CASES) {
      const response = await putWebhook(t, token, c.url);
      expect({ url: c.url, status: response.status }).toEqual({ url: c.url, status: c.refused === null ? 200 : 400 });
    }
  });

  test("a name that resolves elsewhere after registration is checked again before every call", async () => {
    await start(false);
    let connections = 0;
    const listener = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        open(socket) {
          connections++;
          socket.end();
        },
        data() {},
      },
    });
    table["flip.example.com"] = [PUBLIC];
    expect((await putWebhook(t, token, `https://flip.example.com:${listener.port}/h`)).status).toBe(200);
    table["flip.example.com"] = ["127.0.0.1"]; // DNS rebinding: the name now points at the hub's host
    const id = await publishOne();
    const deadline = Date.now() + 5000;
    while ((await timeline(id)).events.filter((e) => e.type === "webhook_failed").length < 2) {
      if (Date.now() > deadline) throw new Error("no webhook_failed in time");
      await Bun.sleep(10);
    }
    const failures = (await timeline(id)).events.filter((e) => e.type === "webhook_failed");
    expect(failures.map((e) => e.detail)).toEqual([
      { attempt: 1, error: "no answer", gave_up: false },
      { attempt: 2, error: "no answer", gave_up: true },
    ]);
    expect(connections).toBe(0);
    expect(t.logs.some((l) => l.includes('"outcome":"refused"') && l.includes("loopback"))).toBe(true);
    listener.stop(true);
  });

  test("with local targets allowed, the call connects to the vetted address and names the host", async () => {
    await start(true);
    const hosts: string[] = [];
    const receiver = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch(request) {
        hosts.push(request.headers.get("host") ?? "");
        return new Response(null, { status: 204 });
      },
    });
    // The name exists only in the injected table: a call that resolved it again could not connect.
    table["pinned.example.com"] = ["127.0.0.1"];
    const url = `http://pinned.example.com:${receiver.port}/h`;
    expect((await putWebhook(t, token, url)).status).toBe(200);
    const id = await publishOne();
    const deadline = Date.now() + 5000;
    while (!(await timeline(id)).events.some((e) => e.type === "webhook_delivered")) {
      if (Date.now() > deadline) throw new Error("no webhook_delivered in time");
      await Bun.sleep(10);
    }
    expect(hosts[0]).toBe(`pinned.example.com:${receiver.port}`);
    receiver.stop(true);
  });
});

describe.skipIf(OPENSSL.skip)("webhook calls over TLS", () => {
  test("the pinned connection still verifies the certificate against the URL's host name", async () => {
    OPENSSL.check();
    const certificate = await selfSignedCertificate(OPENSSL.path, "hooks.example.com");
    const server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      tls: { cert: certificate.cert, key: certificate.key },
      fetch: () => new Response(null, { status: 204 }),
    });
    const resolve = tableResolver({ "hooks.example.com": ["127.0.0.1"], "other.example.com": ["127.0.0.1"] });
    const transport = new PinnedTransport(resolve, { allowLocalTargets: true }, 5000, certificate.cert);
    const good = await transport.post(`https://hooks.example.com:${server.port}/h`, {}, "{}");
    expect(good).toEqual({ kind: "answered", status: 204 });
    // Same address, another name: the certificate does not match, so there is no call.
    const wrongName = await transport.post(`https://other.example.com:${server.port}/h`, {}, "{}");
    expect(wrongName.kind).toBe("no_answer");
    server.stop(true);
  });
});
