import type { OdPatientListItem } from "@sofia/opendental";

/** Why a patient is offered for a held report; a row may have several reasons. */
export type CandidateWhy =
  /** The rule's proposal: the patient in the doctor's chair (first for `chair_confirmation_needed`). */
  | { kind: "proposed"; place: string }
  /** The report's `opendental_patnum`. */
  | { kind: "named" }
  /** Same name as the report (last name found anywhere, as Open Dental's Patient Select searches). */
  | { kind: "same_name" }
  | { kind: "same_birthdate" }
  /** Selected on a workstation now, since `sinceMs` (this PC's clock). */
  | { kind: "selected"; workstation: string; sinceMs: number }
  /** An appointment today in one of the doctor's operatories. */
  | { kind: "appointment" }
  /** Found by the search box. */
  | { kind: "search" };

/** Today's appointment of a candidate, in the office's words and clock. */
export interface CandidateAppointment {
  /** "HH:MM", office time. */
  time: string;
  /** The operatory's abbreviation ("OP1"), or its number when unknown. */
  operatory: string;
  /** "HH:MM" seated (office time), or null when not seated. */
  seated: string | null;
}

/** A patient a person may write the report to. Shown on the loopback page only, never logged. */
export interface Candidate {
  patNum: number;
  lastName: string;
  firstName: string;
  middle: string;
  preferred: string;
  /** yyyy-MM-dd, or null when Open Dental has none. */
  birthdate: string | null;
  /** Whole years at the office's date, or null without a birthdate. */
  age: number | null;
  /** Open Dental's PatStatus ("Patient", "Archived", …). */
  status: string;
  why: CandidateWhy[];
  appointment: CandidateAppointment | null;
}

/** A candidate from an Open Dental patient row, with no reason yet. */
export function fromPatient(p: OdPatientListItem, today: string): Candidate {
  return {
    patNum: p.PatNum,
    lastName: p.LName,
    firstName: p.FName,
    middle: p.MiddleI,
    preferred: p.Preferred,
    birthdate: p.Birthdate,
    age: p.Birthdate ? ageOn(p.Birthdate, today) : null,
    status: p.PatStatus,
    why: [],
    appointment: null,
  };
}

/** Whole years from `birthdate` to `today` (both yyyy-MM-dd). */
export function ageOn(birthdate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthdate.slice(0, 4));
  return today.slice(5) < birthdate.slice(5) ? years - 1 : years;
}

/** How a candidate's name reads: "LOPEZ, Sofia M (Sofi)". */
export function displayName(c: Pick<Candidate, "lastName" | "firstName" | "middle" | "preferred">): string {
  const middle = c.middle ? ` ${c.middle}` : "";
  const preferred = c.preferred && c.preferred !== c.firstName ? ` (${c.preferred})` : "";
  return `${c.lastName}, ${c.firstName}${middle}${preferred}`;
}
