import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { drive } from "./support/clock.ts";
import { testDatabases } from "./support/databases.ts";
import { KEYS, startOffice, type TestOffice } from "./support/office.ts";

const [sqlite] = testDatabases();

/** Gaps between consecutive request starts, in ms of the shared clock. */
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? t));

describe("the Remote API's throttle (1 request/s with write permission, 1 per 5 s read-only)", () => {
  let office: TestOffice;
  beforeAll(async () => {
    office = await startOffice(await (sqlite?.fresh() ?? Promise.reject(new Error("no database"))), { mode: "remote" });
  });
  afterAll(() => office.stop());

  test("concurrent reads and writes are sent one per second and none is refused", async () => {
    const od = office.client({ mode: "remote", timeoutMs: 600_000 });
    const before = office.sent.length;
    const work = Promise.all([
      od.patients.get(1),
      od.setup.providers(),
      od.procNotes.post({ PatNum: 2, ProcNum: 1, Note: "paced" }),
      od.patients.search({ LName: "Smith" }),
      od.appointments.list({ date: "2025-03-14" }),
    ]);
    expect(od.status().remoteQueue).toBeGreaterThan(0);
    await drive(office.clock, work);
    const sent = office.sent.slice(before);
    // All five, none refused.
    expect(sent.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      ["GET /appointments", "GET /patients", "GET /patients/1", "GET /providers", "POST /procnotes"].sort(),
    );
    expect(sent.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    for (const gap of gaps(sent.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(1000);
    expect(od.status().remoteQueue).toBe(0);
  });

  test("a read-only key waits five seconds between requests", async () => {
    office.clock.advance(10_000);
    const reader = office.client({ mode: "remote", customer: KEYS.read, permissions: "read", timeoutMs: 600_000 });
    const before = office.sent.length;
    await drive(office.clock, Promise.all([reader.patients.get(1), reader.patients.get(2), reader.patients.get(3)]));
    const sent = office.sent.slice(before);
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const gap of gaps(sent.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(5000);
  });

  test("throttled anyway (another program on the same key): the client waits as told and carries on", async () => {
    office.clock.advance(10_000);
    const other = office.client({ mode: "remote" });
    const od = office.client({ mode: "remote", timeoutMs: 600_000 });
    await other.patients.get(1); // takes the key's slot for this second
    const before = office.sent.length;
    const patient = await drive(office.clock, od.patients.get(2));
    expect(patient.PatNum).toBe(2);
    expect(office.sent.slice(before).map((r) => r.status)).toEqual([429, 200]);
  });

  test("the API Service is not throttled: requests go out at once", async () => {
    const service = office.alsoServe("service");
    const od = office.client({ endpoints: [{ mode: "service", url: `${service.url}/api/v1` }] });
    const before = office.sent.length;
    await Promise.all([od.patients.get(1), od.patients.get(2), od.patients.get(3)]);
    expect(new Set(office.sent.slice(before).map((r) => r.at)).size).toBe(1);
  });
});
