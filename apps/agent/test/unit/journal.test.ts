import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { tmpdir } from "node:os";
import { Journal } from "../../src/journal/journal.ts";
import { canMove, IllegalTransition, isFinal, ReportState } from "../../src/journal/states.ts";
import { delivery, report } from "./fixtures.ts";

const open = () => Journal.open(":memory:", () => Date.parse("2026-11-20T09:00:00Z"));

describe("journal", () => {
  test("a delivery and the cursor commit together; the same report id again is a recognised duplicate", () => {
    const journal = open();
    expect(journal.recordDelivery(delivery(1, "rep_a"), "sdt_1")).toBe("new");
    expect(journal.cursor("sdt_1")).toBe(1);
    expect(journal.cursor("sdt_other")).toBe(0);
    // The hub lost its history and sends the same report under a new seq.
    expect(journal.recordDelivery(delivery(2, "rep_a"), "sdt_1")).toBe("duplicate");
    expect(journal.cursor("sdt_1")).toBe(2);
    expect(journal.recent()).toHaveLength(1);
    expect(journal.counts()).toMatchObject({ received: 1, duplicates: 1 });
    expect(journal.recordV1(report("rep_a"))).toBe("duplicate");
  });

  test("content is kept until written, then only metadata remains", () => {
    const journal = open();
    journal.recordDelivery(delivery(1, "rep_w"), "sdt_1");
    expect(journal.content("rep_w")?.plaintext_report).toBe("Findings: m");
    const target = { system: "opendental", ids: { ProcNum: 812 } };
    journal.move("rep_w", "bound", { target, attempt: true });
    expect(journal.content("rep_w")).not.toBeNull();
    const written = journal.move("rep_w", "written", { target });
    expect(written).toMatchObject({ state: "written", hasContent: false, target, attempts: 1 });
    expect(journal.content("rep_w")).toBeNull();
    expect(journal.history("rep_w").map((h) => h.to_state)).toEqual(["received", "bound", "written"]);
  });

  test("the state machine allows exactly the documented moves", () => {
    const allowed = ReportState.options.flatMap((from) =>
      ReportState.options.filter((to) => canMove(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "received>bound",
        "received>held",
        "received>failed",
        "received>dead",
        "bound>written",
        "bound>held",
        "bound>failed",
        "failed>received",
        "held>bound",
        "held>dead",
        "failed>dead",
        "held>received",
      ].sort(),
    );
    expect(ReportState.options.filter(isFinal)).toEqual(["written", "dead"]);
    const journal = open();
    journal.recordV1(report("rep_x"));
    expect(() => journal.move("rep_x", "written")).toThrow(IllegalTransition);
  });

  test("statuses for the hub are queued with the moves (v2 only) until confirmed", () => {
    const journal = open();
    journal.recordDelivery(delivery(1, "rep_s"), "sdt_1");
    journal.recordV1(report("rep_v1"));
    journal.move("rep_s", "held", { reason: "waiting for review" });
    expect(journal.pendingStatuses().map((s) => [s.status_id, s.reason])).toEqual([
      ["rep_s:received", null],
      ["rep_s:held", "waiting for review"],
    ]);
    journal.statusConfirmed("rep_s:received");
    expect(journal.pendingStatuses().map((s) => s.status_id)).toEqual(["rep_s:held"]);
  });

  test("a move that expects the version a form showed is refused once the report has moved on", () => {
    const journal = open();
    journal.recordDelivery(delivery(1, "rep_v"), "sdt_1");
    journal.move("rep_v", "held", { reason: "look-alike" });
    const shown = journal.history("rep_v").length;
    journal.move("rep_v", "received", { reason: "released" });
    journal.move("rep_v", "held", { reason: "held again" });
    // Held again, but not the hold the form showed: refused inside the move's transaction.
    expect(() => journal.move("rep_v", "dead", { expect: { state: "held", moves: shown } })).toThrow(IllegalTransition);
    expect(journal.get("rep_v")?.state).toBe("held");
    journal.move("rep_v", "dead", { expect: { state: "held", moves: journal.history("rep_v").length } });
    expect(journal.get("rep_v")?.state).toBe("dead");
  });

  test("a report held again after a person released it is announced under a new id", () => {
    const journal = open();
    journal.recordDelivery(delivery(1, "rep_r"), "sdt_1");
    journal.move("rep_r", "held", { reason: "look-alike" });
    journal.move("rep_r", "bound", { announce: { status: "received", statusId: "rep_r:review-3" } });
    journal.move("rep_r", "held", { reason: "Open Dental refused the patient" });
    expect(journal.pendingStatuses().map((s) => [s.status_id, s.status])).toEqual([
      ["rep_r:received", "received"],
      ["rep_r:held", "held"],
      ["rep_r:review-3", "received"],
      ["rep_r:held-2", "held"],
    ]);
  });

  test("an expired delivery goes straight to the dead-letter state, with no content", () => {
    const journal = open();
    journal.recordDelivery(
      {
        type: "deliver",
        seq: 1,
        id: "dlv_1",
        ts: "2026-11-20T09:00:00.000Z",
        event: "report_expired",
        data: { report_id: "rep_e", created_at: "2026-10-01T09:00:00.000Z", expired_at: "2026-10-31T09:00:00.000Z" },
      },
      "sdt_1",
    );
    expect(journal.get("rep_e")).toMatchObject({ state: "dead", hasContent: false, event: "report_expired" });
    expect(journal.cursor("sdt_1")).toBe(1);
  });

  test("rows read back are parsed: a corrupted state is refused, not trusted", () => {
    const file = `${tmpdir()}/journal-${crypto.randomUUID()}.sqlite`;
    const journal = Journal.open(file);
    journal.recordV1(report("rep_c"));
    journal.close();
    const db = new Database(file);
    db.run("UPDATE reports SET state = 'exploded'");
    db.close();
    expect(() => Journal.open(file).get("rep_c")).toThrow();
  });
});
