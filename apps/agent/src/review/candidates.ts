import { isOdError, OdErrorCode, type OdPatientListItem } from "@sofia/opendental";
import type { Patient, TargetRef } from "@sofia/protocol";
import type { Office } from "../opendental/office.ts";
import type { DoctorMapping } from "../opendental/settings.ts";
import type { Selections } from "../opendental/state/selections.ts";
import { type Candidate, type CandidateWhy, displayName, fromPatient } from "./candidate.ts";
import type { OfficeDay } from "./today.ts";

/** At most this many patients are read one by one (selected, seated, proposed) for one report. */
const MAX_LOOKUPS = 20;
/** At most this many rows per name or birthdate search. */
const MAX_PER_SEARCH = 30;

/** What gathering a held report's candidates reads. */
export interface CandidateInput {
  office: Office;
  day: OfficeDay;
  selections: Selections;
  /** The doctor's mapping, or null when the doctor is not mapped (then every operatory counts). */
  mapping: DoctorMapping | null;
  /** The report's patient identifiers (null: none, as every v1 report). */
  patient: Patient | null;
  /** The held report's target: the rule's proposal (`proposedPatNum`, `place`) when it had one. */
  target: TargetRef | null;
}

/**
 * The patients a person may mean for a held report, from Open Dental (reading only): the rule's
 * proposal (the chair's patient), the report's PatNum, the same or a similar name, the same
 * birthdate, today's appointments in the doctor's operatories, and the patient selected on each
 * workstation. Ordered proposal first, then the closest matches.
 */
export async function gatherCandidates(input: CandidateInput): Promise<Candidate[]> {
  const { office, day, patient } = input;
  const found = new Map<number, Candidate>();
  const reasons = new Map<number, CandidateWhy[]>();
  const because = (patNum: number, why: CandidateWhy) => reasons.set(patNum, [...(reasons.get(patNum) ?? []), why]);
  const add = (rows: OdPatientListItem[], why: CandidateWhy) => {
    for (const p of rows.slice(0, MAX_PER_SEARCH)) {
      if (!found.has(p.PatNum)) found.set(p.PatNum, fromPatient(p, day.today));
      because(p.PatNum, why);
    }
  };
  const proposed = input.target?.ids.proposedPatNum;
  if (typeof proposed === "number") {
    because(proposed, { kind: "proposed", place: placeName(String(input.target?.ids.place ?? ""), day) });
  }
  if (patient?.opendental_patnum !== undefined) because(patient.opendental_patnum, { kind: "named" });
  const family = familyName(patient);
  if (family)
    add(await office.track(office.client.patients.search({ LName: family, showArchived: true })), {
      kind: "same_name",
    });
  if (patient?.birthdate) {
    const born = await office.track(
      office.client.patients.search({ Birthdate: patient.birthdate, showArchived: true }),
    );
    add(
      born.filter((p) => p.Birthdate === patient.birthdate),
      { kind: "same_birthdate" },
    );
  }
  for (const s of input.selections.current())
    because(s.patNum, { kind: "selected", workstation: s.workstation, sinceMs: s.sinceMs });
  const ops = input.mapping?.operatories ?? [];
  for (const apt of day.appointments) {
    if (apt.PatNum > 0 && (ops.length === 0 || ops.includes(apt.Op))) because(apt.PatNum, { kind: "appointment" });
  }
  const missing = [...reasons.keys()].filter((n) => !found.has(n)).slice(0, MAX_LOOKUPS);
  for (const patNum of missing) {
    try {
      found.set(patNum, fromPatient(await office.track(office.client.patients.get(patNum)), day.today));
    } catch (error) {
      if (!isOdError(error, OdErrorCode.NOT_FOUND)) throw error;
    }
  }
  const out = [...found.values()].map((c) => ({
    ...c,
    why: dedupe(reasons.get(c.patNum) ?? []),
    appointment: day.appointmentOf(c.patNum, ops),
  }));
  return out.sort((a, b) => rank(a) - rank(b) || displayName(a).localeCompare(displayName(b)));
}

/** The family name to search by: `family_name`, the part before a comma, or the last word of `name`. */
export function familyName(patient: Patient | null): string | null {
  if (!patient) return null;
  if (patient.family_name) return patient.family_name.slice(0, 100);
  const name = patient.name?.trim();
  if (!name) return null;
  const comma = name.indexOf(",");
  const last = comma >= 0 ? name.slice(0, comma) : (name.split(/\s+/).at(-1) ?? "");
  return last.trim().slice(0, 100) || null;
}

/** `op:3` as the operatory's abbreviation, `ws:OP1-PC` as the workstation's name. */
function placeName(place: string, day: OfficeDay): string {
  const op = /^op:(\d+)$/.exec(place)?.[1];
  return op !== undefined ? day.operatoryName(Number(op)) : place.replace(/^ws:/, "");
}

function rank(c: Candidate): number {
  const has = (kind: CandidateWhy["kind"]) => c.why.some((w) => w.kind === kind);
  if (has("proposed")) return 0;
  if (has("named")) return 1;
  if (has("same_name") && has("same_birthdate")) return 2;
  if (has("selected")) return 3;
  if (has("same_name") || has("same_birthdate")) return 4;
  return 5;
}

function dedupe(list: CandidateWhy[]): CandidateWhy[] {
  const seen = new Set<string>();
  return list.filter((w) => {
    const key = JSON.stringify(w);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
