import { inSourceOrder, type Presence, presentSince } from "./chair/presence.ts";
import { HoldCode } from "./hold-reasons.ts";
import type { PatientSource } from "./settings.ts";

/** Who the report's identifiers name in Open Dental. */
export type Identity =
  /** The report names no patient (the integrators' v1 reports): the chair decides, under chair binding. */
  | { kind: "none" }
  /** Some identifiers, not enough to name one patient (a name without birthdate, an external id). */
  | { kind: "partial" }
  | { kind: "found"; patNum: number; by: "patnum" | "name-birthdate" }
  | { kind: "not_found" }
  | { kind: "ambiguous"; count: number }
  /** The report's PatNum names a patient whose name or birthdate is not the report's. */
  | { kind: "conflict"; patNum: number };

/** Everything the rule weighs, gathered beforehand; the rule itself asks nothing of anyone. */
export interface RuleInput {
  identity: Identity;
  /** The doctor's places' presences from the enabled sources, looking back at least to the window. */
  presences: readonly Presence[];
  /** The clinic's source order: which source's patient is proposed to a person first. */
  sources: readonly PatientSource[];
  nowMs: number;
  /** When the report was made (see report-time.ts). */
  reportMs: number;
  /** The visit's date in the office's calendar, as the producer gave it; `null`: the office date of `reportMs`. */
  visitDate: string | null;
  /** When the visit began, as the producer gave it; `null`: `windowMs` before `reportMs`. */
  visitStartMs: number | null;
  /** The office's calendar date of an instant of this PC's clock. */
  officeDate: (ms: number) => string;
  maxAgeMs: number;
  chairBinding: "confirm" | "auto";
  windowMs: number;
  review: "when-uncertain" | "always";
}

/** The chair's patient a person is asked to confirm. */
export interface Proposal {
  patNum: number;
  source: PatientSource;
  place: string;
}

/** What to do with the report. `rule` names the rule that decided, for the audit. */
export type Decision =
  | { action: "write"; patNum: number; source: PatientSource; place: string; rule: string }
  | { action: "hold"; code: HoldCode; rule: string; patNum?: number; proposed?: Proposal };

/**
 * The patient-safety rule. A report is written only when its patient and the patient in the chair
 * agree without doubt: the patient its identifiers name (by PatNum, or by name and birthdate
 * matching exactly one chart) must be in the chair of one of the doctor's workstations or
 * operatories now, selected on the visit's day and within the age limit. A report that names no
 * patient is bound to the chair: held for a person to confirm, or — with `chair-binding auto` —
 * written when exactly one patient has been in the doctor's chairs since before the visit and
 * still is. Everything else is held with a reason a person can act on.
 */
export function decide(input: RuleInput): Decision {
  const decision = decideOnPatient(input);
  if (decision.action === "write" && input.review === "always") {
    const { patNum, source, place } = decision;
    return {
      action: "hold",
      code: HoldCode.REVIEW_REQUIRED,
      rule: "review-always",
      patNum,
      proposed: { patNum, source, place },
    };
  }
  return decision;
}

function decideOnPatient(input: RuleInput): Decision {
  const visitDate = input.visitDate ?? input.officeDate(input.reportMs);
  const stale = (p: Presence) =>
    p.sinceMs !== null && (input.nowMs - p.sinceMs > input.maxAgeMs || input.officeDate(p.sinceMs) < visitDate);
  const current = input.presences.filter((p) => p.current);
  const fresh = inSourceOrder(
    current.filter((p) => !stale(p)),
    input.sources,
  );
  const proposal = (p: Presence | undefined): { proposed?: Proposal } =>
    p ? { proposed: { patNum: p.patNum, source: p.source, place: p.place } } : {};
  const hold = (code: HoldCode, rule: string, extra: { patNum?: number } = {}): Decision => ({
    action: "hold",
    code,
    rule,
    ...extra,
    ...proposal(fresh[0]),
  });
  const id = input.identity;
  switch (id.kind) {
    case "partial":
      return hold(HoldCode.MISSING_IDENTIFIERS, "identifiers");
    case "not_found":
      return hold(HoldCode.PATIENT_NOT_FOUND, "identifiers");
    case "ambiguous":
      return hold(HoldCode.AMBIGUOUS_PATIENT, "name-birthdate");
    case "conflict":
      return hold(HoldCode.PATIENT_MISMATCH, "patnum-vs-name", { patNum: id.patNum });
    case "found": {
      const rule = `${id.by}+chair`;
      const here = fresh.find((p) => p.patNum === id.patNum);
      if (here) return { action: "write", patNum: id.patNum, source: here.source, place: here.place, rule };
      if (current.some((p) => p.patNum === id.patNum)) {
        return hold(HoldCode.STALE_SELECTION, rule, { patNum: id.patNum });
      }
      if (current.length === 0) return hold(HoldCode.NO_CURRENT_PATIENT, rule, { patNum: id.patNum });
      return hold(HoldCode.PATIENT_MISMATCH, rule, { patNum: id.patNum });
    }
    case "none":
      return chairBinding(input, current, fresh, hold);
  }
}

/** A report without identifiers: the patient in the chair, confirmed by a person unless the clinic chose `auto`. */
function chairBinding(
  input: RuleInput,
  current: readonly Presence[],
  fresh: readonly Presence[],
  hold: (code: HoldCode, rule: string) => Decision,
): Decision {
  const rule = `chair-binding-${input.chairBinding}`;
  const first = fresh[0];
  if (!first) return hold(current.length > 0 ? HoldCode.STALE_SELECTION : HoldCode.NO_CURRENT_PATIENT, rule);
  if (input.chairBinding === "confirm") return hold(HoldCode.CHAIR_CONFIRMATION_NEEDED, rule);
  // auto: one patient in the doctor's chairs since the visit began (or for the whole window before
  // the report, when the producer did not say), and nobody else.
  const windowStart = input.visitStartMs ?? input.reportMs - input.windowMs;
  const inWindow = new Set(input.presences.filter((p) => presentSince(p, windowStart)).map((p) => p.patNum));
  const throughout = fresh.find((p) => p.patNum === first.patNum && p.sinceMs !== null && p.sinceMs <= windowStart);
  if (inWindow.size === 1 && new Set(fresh.map((p) => p.patNum)).size === 1 && throughout) {
    return { action: "write", patNum: first.patNum, source: throughout.source, place: throughout.place, rule };
  }
  return hold(HoldCode.CHAIR_CONFIRMATION_NEEDED, rule);
}
