import { describe, expect, test } from "bun:test";
import type { ReportReadyData, TargetRef } from "@sofia/protocol";
import { createLogger } from "@sofia/runtime/log";
import { FakeClock } from "@sofia/testing";
import { Journal } from "../../src/journal/journal.ts";
import { Processor } from "../../src/pipeline/processor.ts";
import { REVIEW_REASON, ReviewSink } from "../../src/pipeline/review-sink.ts";
import type { Bound, Failed, Held, Sink, Written } from "../../src/pipeline/sink.ts";
import { delivery } from "./fixtures.ts";

type Outcome = Written | Held | Failed | "throw";

/** A sink whose answers the test scripts, recording every call (the writer of a later issue plugs in here). */
class ScriptedSink implements Sink {
  readonly name = "scripted";
  readonly writes: string[] = [];
  constructor(private readonly outcomes: Outcome[]) {}
  async bind(report: ReportReadyData): Promise<Bound> {
    return { outcome: "bound", target: { system: "test", ids: { patient: report.patient?.opendental_patnum ?? 0 } } };
  }
  async write(report: ReportReadyData, target: TargetRef): Promise<Written | Held | Failed> {
    this.writes.push(report.report_id);
    const next = this.outcomes.shift() ?? { outcome: "written", target };
    if (next === "throw") throw new Error(`sink crashed on ${report.plaintext_report}`);
    return next;
  }
}

function setup(outcomes: Outcome[]) {
  const clock = new FakeClock();
  const journal = Journal.open(":memory:", () => clock.now());
  const sink = new ScriptedSink(outcomes);
  const logs: string[] = [];
  const log = createLogger({ sinks: [(l) => logs.push(l)] });
  const processor = new Processor(journal, sink, clock, log, {
    maxAttempts: 3,
    firstDelayMs: 1000,
    maxDelayMs: 10_000,
  });
  return { clock, journal, sink, processor, logs };
}

const flush = async (processor: Processor) => {
  for (let i = 0; i < 5; i++) await processor.kick();
};

describe("processor", () => {
  test("received → bound → written drops the content and queues the written status", async () => {
    const { journal, processor } = setup([]);
    journal.recordDelivery(delivery(1, "rep_ok"), "sdt_1");
    await processor.kick();
    expect(journal.get("rep_ok")).toMatchObject({ state: "written", hasContent: false, target: { system: "test" } });
    expect(journal.pendingStatuses().map((s) => s.status)).toEqual(["received", "written"]);
  });

  test("a failed write is retried after a doubling delay, then dead-lettered; a throw never leaks content", async () => {
    const failure: Failed = { outcome: "failed", reason: "Open Dental did not answer", retryable: true };
    const { clock, journal, sink, processor, logs } = setup([failure, "throw", failure]);
    journal.recordDelivery(delivery(1, "rep_f"), "sdt_1");
    await processor.kick();
    expect(journal.get("rep_f")).toMatchObject({ state: "failed", attempts: 1 });
    clock.advance(999);
    await flush(processor);
    expect(sink.writes).toHaveLength(1); // not due yet
    clock.advance(1);
    await flush(processor);
    expect(journal.get("rep_f")).toMatchObject({
      state: "failed",
      attempts: 2,
      reason: "the scripted sink threw (Error)",
    });
    clock.advance(2000);
    await flush(processor);
    expect(journal.get("rep_f")).toMatchObject({ state: "dead", attempts: 3 });
    expect(journal.content("rep_f")).not.toBeNull(); // kept for a person to file by hand
    expect(logs.join("\n")).not.toContain("Findings");
    expect(journal.pendingStatuses().at(-1)).toMatchObject({ status: "failed", reason: "Open Dental did not answer" });
  });

  test("a non-retryable failure is dead-lettered at once; a held report waits", async () => {
    const { journal, processor } = setup([
      { outcome: "failed", reason: "patient not found", retryable: false },
      { outcome: "held", reason: "two patients match" },
    ]);
    journal.recordDelivery(delivery(1, "rep_dead"), "sdt_1");
    journal.recordDelivery(delivery(2, "rep_held"), "sdt_1");
    await processor.kick();
    expect(journal.get("rep_dead")?.state).toBe("dead");
    expect(journal.get("rep_held")).toMatchObject({ state: "held", reason: "two patients match", hasContent: true });
  });

  test("the review sink holds every report with its reason, content kept for the status page", async () => {
    const clock = new FakeClock();
    const journal = Journal.open(":memory:", () => clock.now());
    const processor = new Processor(journal, new ReviewSink(), clock, createLogger({ sinks: [] }));
    journal.recordDelivery(delivery(1, "rep_r"), "sdt_1");
    await processor.kick();
    expect(journal.get("rep_r")).toMatchObject({ state: "held", reason: REVIEW_REASON, hasContent: true });
  });
});
