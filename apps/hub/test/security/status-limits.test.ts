import { afterEach, describe, expect, test } from "bun:test";
import {
  ApiError,
  MAX_STATUSES_PER_REPORT,
  MAX_TIMELINE_PAGE,
  PublishReportResponse,
  ReportTimeline,
  V2CloseCode,
  V2Error,
  V2StatusAck,
} from "@sofia/protocol";
import { isoAt } from "@sofia/runtime/clock";
import { FakeClock } from "@sofia/testing";
import type { HubOptions } from "../../src/hub.ts";
import {
  addDoctor,
  addProducer,
  openV2,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "../support/test-hub.ts";

/**
 * Statuses are bounded per report and per connection, and timelines are paged (issue 13, risk 8):
 * one agent sent 1,000 distinct statuses for one report in half a second, and the timeline came
 * back as one unpaged list of 1,004 events.
 */
describe("statuses and timelines are bounded", () => {
  let t: TestHub;
  let key: string;
  let token: string;
  let reportId: string;
  afterEach(() => t.stop());

  const start = async (options: { clock?: FakeClock; extra?: Partial<HubOptions> } = {}) => {
    t = await startTestHub(options);
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
    const response = await publish(t, token, { doctor_id: "dr-a", report: sampleReport() });
    reportId = PublishReportResponse.parse(await response.json()).id;
  };
  /** A hub with this status budget, and a doctor's v2 socket past its first delivery. */
  const connected = async (statusRate: { burst: number; perSecond: number }, clock?: FakeClock) => {
    await start({ ...(clock ? { clock } : {}), extra: { statusRate } });
    const { socket } = await openV2(t, key);
    await socket.next(); // the delivery
    return socket;
  };
  const status = (id: string) =>
    JSON.stringify({ type: "status", status_id: id, report_id: reportId, status: "received" });
  const page = (query = "") =>
    fetch(`${t.url}/v1/reports/${reportId}${query}`, { headers: { authorization: `Bearer ${token}` } });

  test(`a report records at most ${MAX_STATUSES_PER_REPORT} statuses; the rest are refused and the socket stays`, async () => {
    const socket = await connected({ burst: 1000, perSecond: 1000 });
    const sent = MAX_STATUSES_PER_REPORT + 36;
    for (let i = 0; i < sent; i++) socket.send(status(`s${i}`));
    const answers = [];
    for (let i = 0; i < sent; i++) answers.push((await socket.next()).json);
    const acks = answers.filter((a) => V2StatusAck.safeParse(a).success);
    const refusals = answers.map((a) => V2Error.safeParse(a)).filter((r) => r.success);
    expect(acks).toHaveLength(MAX_STATUSES_PER_REPORT);
    expect(refusals).toHaveLength(36);
    expect(refusals[0]?.data).toMatchObject({ fatal: false, message: expect.stringContaining("no more are recorded") });
    // A resend of a recorded status is still confirmed, and the connection is still open.
    socket.send(status("s0"));
    expect(V2StatusAck.parse((await socket.next()).json).status_id).toBe("s0");
    await socket.roundTripV2();
    const events = await t.store.reports.timeline(reportId);
    expect(events.filter((e) => e.type === "received")).toHaveLength(MAX_STATUSES_PER_REPORT);
    socket.close();
  });

  test("a connection's statuses beyond its burst wait for the budget to refill", async () => {
    const clock = new FakeClock();
    const socket = await connected({ burst: 2, perSecond: 1 }, clock);
    const started = clock.now();
    for (const id of ["a", "b", "c"]) socket.send(status(id));
    expect(V2StatusAck.parse((await socket.next()).json).status_id).toBe("a");
    expect(V2StatusAck.parse((await socket.next()).json).status_id).toBe("b");
    clock.advance(1000);
    expect(V2StatusAck.parse((await socket.next()).json).status_id).toBe("c");
    // The third was recorded only once the second had passed (the timeline says when).
    const at = (await t.store.reports.timeline(reportId)).filter((e) => e.type === "received").map((e) => e.at);
    expect(at).toEqual([isoAt(started), isoAt(started), isoAt(started + 1000)]);
    socket.close();
  });

  test("a connection that floods faster than it is served is closed, not buffered without end", async () => {
    const socket = await connected({ burst: 1, perSecond: 0.001 }, new FakeClock());
    socket.send(status("first"));
    expect(V2StatusAck.parse((await socket.next()).json).status_id).toBe("first");
    socket.send(status("waits")); // holds the connection's path: the budget is empty
    const padded = JSON.stringify({ type: "ping", pad: "x".repeat(60_000) });
    for (let i = 0; i < 80; i++) socket.send(padded);
    expect((await socket.closed).code).toBe(V2CloseCode.PROTOCOL_VIOLATION);
  });

  test("GET /v1/reports/:id pages its events", async () => {
    await start();
    const extra = 250;
    await t.store.reports.addEvents(
      Array.from({ length: extra }, (_, i) => ({
        reportId,
        at: isoAt(Date.now()),
        type: "webhook_failed" as const,
        detail: { attempt: i + 1, error: "no answer", gave_up: false },
      })),
    );
    const first = ReportTimeline.parse(await (await page()).json());
    expect(first.events).toHaveLength(100);
    expect(first.next_after).toBeNumber();
    const seen = [...first.events];
    let after = first.next_after;
    while (after !== null && after !== undefined) {
      const next = ReportTimeline.parse(await (await page(`?after=${after}&limit=${MAX_TIMELINE_PAGE}`)).json());
      seen.push(...next.events);
      after = next.next_after;
    }
    expect(seen.map((e): string => e.type)).toEqual(["stored", ...Array<string>(extra).fill("webhook_failed")]);
    expect(seen.map((e) => e.detail.attempt).slice(1)).toEqual(Array.from({ length: extra }, (_, i) => i + 1));
    for (const query of ["?limit=0", `?limit=${MAX_TIMELINE_PAGE + 1}`, "?after=-1", "?after=abc"]) {
      const bad = await page(query);
      expect({ query, status: bad.status }).toEqual({ query, status: 400 });
      expect(ApiError.parse(await bad.json()).error.code).toBe("invalid_query");
    }
  });
});
