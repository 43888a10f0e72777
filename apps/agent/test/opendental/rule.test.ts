import { describe, expect, test } from "bun:test";
import type { Presence } from "../../src/opendental/chair/presence.ts";
import { type Decision, decide, type Identity, type RuleInput } from "../../src/opendental/rule.ts";

const MIN = 60_000;
const NOW = Date.parse("2025-03-14T16:30:00Z");
// The office's calendar: UTC-6 (Denver in March), so 06:00Z is the office's midnight.
const officeDate = (ms: number) => new Date(ms - 6 * 3_600_000).toISOString().slice(0, 10);

const selected = (patNum: number, minutesAgo: number, extra: Partial<Presence> = {}): Presence => ({
  source: "ui-event",
  place: "ws:OP1-PC",
  patNum,
  sinceMs: NOW - minutesAgo * MIN,
  current: true,
  untilMs: null,
  ...extra,
});

function run(identity: Identity, presences: Presence[], over: Partial<RuleInput> = {}): Decision {
  return decide({
    identity,
    presences,
    sources: ["ui-event", "program-link", "appointment"],
    nowMs: NOW,
    reportMs: NOW - 1 * MIN,
    visitDate: null,
    visitStartMs: null,
    officeDate,
    maxAgeMs: 240 * MIN,
    chairBinding: "confirm",
    windowMs: 15 * MIN,
    review: "when-uncertain",
    ...over,
  });
}

const found: Identity = { kind: "found", patNum: 7, by: "name-birthdate" };

describe("the patient-safety rule", () => {
  test("writes when the report's patient is the chair's, by PatNum or by name and birthdate", () => {
    expect(run(found, [selected(7, 30)])).toMatchObject({
      action: "write",
      patNum: 7,
      source: "ui-event",
      rule: "name-birthdate+chair",
    });
    const seated = selected(7, 20, { source: "appointment", place: "op:1" });
    expect(run({ kind: "found", patNum: 7, by: "patnum" }, [selected(9, 5), seated])).toMatchObject({
      action: "write",
      patNum: 7,
      source: "appointment",
      place: "op:1",
      rule: "patnum+chair",
    });
  });

  test.each([
    { what: "no patient selected", identity: found, presences: [], code: "no_current_patient" },
    {
      what: "a selection that ended",
      identity: found,
      presences: [selected(7, 60, { current: false, untilMs: NOW - 10 * MIN })],
      code: "no_current_patient",
    },
    { what: "another patient in the chair", identity: found, presences: [selected(9, 10)], code: "patient_mismatch" },
    {
      what: "the patient switched between visit and report",
      identity: found,
      presences: [selected(7, 60, { current: false, untilMs: NOW - 2 * MIN }), selected(9, 2)],
      code: "patient_mismatch",
    },
    {
      what: "a selection from yesterday",
      identity: found,
      presences: [selected(7, 11 * 60 + 5)],
      code: "stale_selection",
    },
    {
      what: "a selection older than the limit",
      identity: found,
      presences: [selected(7, 241)],
      code: "stale_selection",
    },
    {
      what: "two charts fit",
      identity: { kind: "ambiguous", count: 2 },
      presences: [selected(7, 5)],
      code: "ambiguous_patient",
    },
    { what: "no chart fits", identity: { kind: "not_found" }, presences: [selected(7, 5)], code: "patient_not_found" },
    {
      what: "a name without birthdate",
      identity: { kind: "partial" },
      presences: [selected(7, 5)],
      code: "missing_identifiers",
    },
    {
      what: "a PatNum whose chart has another name",
      identity: { kind: "conflict", patNum: 7 },
      presences: [selected(7, 5)],
      code: "patient_mismatch",
    },
    {
      what: "no identifiers (chair-binding confirm)",
      identity: { kind: "none" },
      presences: [selected(7, 30)],
      code: "chair_confirmation_needed",
    },
    {
      what: "no identifiers and nobody in the chair",
      identity: { kind: "none" },
      presences: [],
      code: "no_current_patient",
    },
    {
      what: "no identifiers and only yesterday's selection",
      identity: { kind: "none" },
      presences: [selected(7, 12 * 60)],
      code: "stale_selection",
    },
  ] as { what: string; identity: Identity; presences: Presence[]; code: string }[])(
    "$what → held $code",
    ({ identity, presences, code }) => {
      expect(run(identity, presences)).toMatchObject({ action: "hold", code });
    },
  );

  test("a hold proposes the chair's patient from the first source in the clinic's order", () => {
    const bySeat = selected(5, 10, { source: "appointment", place: "op:2" });
    const byLink = selected(6, 10, { source: "program-link", place: "ws:OP2-PC" });
    expect(run({ kind: "none" }, [bySeat, byLink])).toMatchObject({ proposed: { patNum: 6, source: "program-link" } });
    const order = { sources: ["appointment", "program-link"] as const };
    expect(run({ kind: "none" }, [bySeat, byLink], { sources: [...order.sources] })).toMatchObject({
      proposed: { patNum: 5 },
    });
  });

  describe("chair-binding auto", () => {
    const auto = { chairBinding: "auto" as const };
    test("writes when one patient has been in the doctor's chairs since before the window and still is", () => {
      const d = run(
        { kind: "none" },
        [selected(7, 40), selected(7, 35, { source: "appointment", place: "op:1" })],
        auto,
      );
      expect(d).toMatchObject({ action: "write", patNum: 7, rule: "chair-binding-auto" });
    });
    test.each([
      ["selected within the window (the patient may have switched)", [selected(7, 10)]],
      ["another patient in the window", [selected(9, 60, { current: false, untilMs: NOW - 8 * MIN }), selected(7, 60)]],
      ["two chairs with two patients", [selected(7, 60), selected(9, 60, { place: "ws:OP2-PC" })]],
      ["a seated time nobody recorded", [selected(7, 0, { source: "appointment", sinceMs: null })]],
      [
        "an appointment dismissed at an unknown time",
        [selected(7, 60), selected(9, 90, { source: "appointment", current: false, untilMs: null })],
      ],
    ] as [string, Presence[]][])("otherwise a person confirms: %s", (_what, presences) => {
      expect(run({ kind: "none" }, presences, auto)).toMatchObject({
        action: "hold",
        code: "chair_confirmation_needed",
      });
    });
  });

  test("a report without identifiers delivered 40 days late is never bound to today's chair", () => {
    // Dated by its id (see report-time.ts), the visit was 40 days ago: today's patient was not there.
    const late = { chairBinding: "auto" as const, reportMs: NOW - 40 * 24 * 60 * MIN };
    expect(run({ kind: "none" }, [selected(7, 120)], late)).toMatchObject({
      action: "hold",
      code: "chair_confirmation_needed",
    });
  });

  test("review always holds what would have been written, proposing that patient", () => {
    expect(run(found, [selected(7, 30)], { review: "always" })).toMatchObject({
      action: "hold",
      code: "review_required",
      proposed: { patNum: 7, source: "ui-event" },
    });
    expect(run(found, [selected(9, 30)], { review: "always" })).toMatchObject({ code: "patient_mismatch" });
  });

  describe("the visit as the producer gave it", () => {
    test("a selection made before the report's visit date is stale, whatever day the report arrives", () => {
      // The visit's date is the producer's, not the day the report was published or arrived.
      expect(run(found, [selected(7, 30)], { visitDate: "2025-03-13" })).toMatchObject({
        action: "write",
      });
      expect(run(found, [selected(7, 30)], { visitDate: "2025-03-15" })).toMatchObject({
        action: "hold",
        code: "stale_selection",
      });
    });

    test("chair-binding auto counts from when the visit began, not a window before the report", () => {
      const none: Identity = { kind: "none" };
      // In the chair for 20 minutes; the visit began 25 minutes ago: someone else may have been there first.
      expect(run(none, [selected(7, 20)], { chairBinding: "auto", visitStartMs: NOW - 25 * MIN })).toMatchObject({
        action: "hold",
        code: "chair_confirmation_needed",
      });
      // The visit began 10 minutes ago, inside the 20 minutes the patient has been there: written.
      expect(run(none, [selected(7, 20)], { chairBinding: "auto", visitStartMs: NOW - 10 * MIN })).toMatchObject({
        action: "write",
        patNum: 7,
      });
    });
  });
});
