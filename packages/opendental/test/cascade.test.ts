import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { ConnectionStatus } from "../src/index.ts";
import { drive } from "./support/clock.ts";
import { testDatabases } from "./support/databases.ts";
import { KEYS, startOffice, type TestOffice } from "./support/office.ts";

/** A URL on this machine where nothing listens: the Local API of a workstation where Open Dental is closed. */
async function closedPort(): Promise<string> {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const url = `http://127.0.0.1:${server.port}/api/v1`;
  await server.stop(true);
  return url;
}

const [sqlite] = testDatabases();

describe("the Local API → API Service → Remote API cascade", () => {
  let office: TestOffice;
  let remoteUrl: string;
  let localUrl: string;
  beforeAll(async () => {
    office = await startOffice(await (sqlite?.fresh() ?? Promise.reject(new Error("no database"))), {
      mode: "service",
    });
    remoteUrl = `${office.alsoServe("remote").url}/api/v1`;
    localUrl = await closedPort();
  });
  afterAll(() => office.stop());

  test("Open Dental closed on the workstation: reads go to the API Service, and status says so", async () => {
    const changes: ConnectionStatus[] = [];
    const od = office.client({
      endpoints: [{ mode: "local", url: localUrl }, office.endpoint("service"), { mode: "remote", url: remoteUrl }],
      onStatusChange: (status) => changes.push(status),
    });
    expect(od.status().active).toBeNull();
    expect((await od.patients.get(1)).PatNum).toBe(1);
    const status = od.status();
    expect(status.active?.mode).toBe("service");
    expect(status.endpoints.map((e) => [e.mode, e.state])).toEqual([
      ["local", "down"],
      ["service", "up"],
      ["remote", "unknown"],
    ]);
    expect(status.endpoints[0]?.lastFailure?.code).toBe("network");
    expect(changes.at(-1)?.active?.mode).toBe("service");
    // While the Local API is known down it is not tried again; after endpointRetryMs it is.
    const tried = () => office.sent.filter((r) => r.path === "/patients/1").length;
    const before = tried();
    await od.patients.get(1);
    expect(tried() - before).toBe(1);
    office.clock.advance(30_000);
    await od.patients.get(1);
    expect(tried() - before).toBe(3);
  });

  test("the server down too: the Remote API answers, paced, and the page limit follows the endpoint", async () => {
    const serviceDown = await closedPort();
    const od = office.client({
      endpoints: [
        { mode: "local", url: localUrl },
        { mode: "service", url: serviceDown },
        { mode: "remote", url: remoteUrl },
      ],
    });
    const rows = await drive(office.clock, od.patients.search({ LName: "Smith" }));
    expect(rows.length).toBe(2);
    expect(od.status().active?.mode).toBe("remote");
    expect(office.sent.at(-1)?.query.get("Limit")).toBe("100");
  });

  test("a write falls back only when the first endpoint never saw it", async () => {
    const od = office.client({ endpoints: [{ mode: "local", url: localUrl }, office.endpoint("service")] });
    const posted = await od.procNotes.post({ PatNum: 2, ProcNum: 1, Note: "via the service" });
    expect(posted.note.Note).toBe("via the service");
    expect(od.status().active?.mode).toBe("service");
  });

  test("a write whose first endpoint may have done it is never sent to the next one", async () => {
    const od = office.client({
      endpoints: [office.endpoint("service"), { mode: "remote", url: remoteUrl }],
      timeoutMs: 10_000,
    });
    await office.control("/fail", "POST", { kind: "status", status: 500, afterWrite: true, path: "/procnotes" });
    const before = office.sent.length;
    const result = await od.procNotes.post({ PatNum: 2, ProcNum: 1, Note: "maybe written" }).catch((e: unknown) => e);
    expect(result).toMatchObject({ code: "server_error", outcomeUnknown: true, mode: "service" });
    expect(office.sent.slice(before).map((r) => r.method)).toEqual(["POST"]);
    // A read in the same situation moves on (once the service is tried again).
    office.clock.advance(30_000);
    await office.control("/fail", "POST", { kind: "status", status: 500, path: "/patients" });
    const reads = office.sent.length;
    expect((await drive(office.clock, od.patients.get(1))).PatNum).toBe(1);
    expect(office.sent.slice(reads).map((r) => r.status)).toEqual([500, 200]);
    expect(od.status().active?.mode).toBe("remote");
  });

  test("a 401 is not the endpoint's fault: no fallback, the key must be fixed", async () => {
    const od = office.client({
      customer: KEYS.off,
      endpoints: [office.endpoint("service"), { mode: "remote", url: remoteUrl }],
    });
    const before = office.sent.length;
    await expect(od.patients.get(1)).rejects.toMatchObject({ code: "unauthorized", action: "fix_setup" });
    expect(office.sent.length - before).toBe(1);
  });
});
