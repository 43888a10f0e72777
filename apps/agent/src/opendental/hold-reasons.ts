/**
 * Why the agent did not write a report into Open Dental, as a code a program can act on and a
 * sentence a person can. A held report stays in the journal, content included, until a person
 * deals with it; the hub's timeline (`GET /v1/reports/:id`) shows `held` with `<code>: <sentence>`.
 * docs/opendental.md lists each with what to do.
 */
export const HoldCode = {
  // The patient-safety rule: who the report is about and who is in the chair do not agree without doubt.
  /** No patient is in the chair of the doctor's workstations or operatories. */
  NO_CURRENT_PATIENT: "no_current_patient",
  /** The report's patient is not the patient in the chair. */
  PATIENT_MISMATCH: "patient_mismatch",
  /** More than one Open Dental patient fits the report's name and birthdate. */
  AMBIGUOUS_PATIENT: "ambiguous_patient",
  /** No Open Dental patient fits the report's identifiers. */
  PATIENT_NOT_FOUND: "patient_not_found",
  /** The report identifies its patient only in part (a name without birthdate, an external id). */
  MISSING_IDENTIFIERS: "missing_identifiers",
  /** The chair's patient was selected before the visit's day or longer ago than the limit. */
  STALE_SELECTION: "stale_selection",
  /** The report names no patient: a person confirms the chair's patient (`chair-binding confirm`). */
  CHAIR_CONFIRMATION_NEEDED: "chair_confirmation_needed",
  /** `opendental.review always`: every report waits for a person. */
  REVIEW_REQUIRED: "review_required",
  // Setup and the write itself.
  /** Open Dental is not connected on this PC (`sofia-agent opendental connect`). */
  NOT_CONFIGURED: "not_configured",
  /** The report's doctor has no provider mapped (`sofia-agent opendental map`). */
  DOCTOR_NOT_MAPPED: "doctor_not_mapped",
  /** Open Dental refuses the key or lacks a permission, a feature or the note's procedure code. */
  SETUP_NEEDED: "setup_needed",
  /** Open Dental refused the write (400 with an explanation, 404). */
  WRITE_REFUSED: "write_refused",
  /** A write may have gone through and the office cannot show whether it did: a person checks. */
  WRITE_UNCONFIRMED: "write_unconfirmed",
  /** The report's text is longer than an Open Dental note can hold. */
  NOTE_TOO_LONG: "note_too_long",
} as const;
export type HoldCode = (typeof HoldCode)[keyof typeof HoldCode];

/** The codes of the patient-safety rule, in the order docs/opendental.md explains them. */
export const PATIENT_RULE_CODES: readonly HoldCode[] = [
  HoldCode.NO_CURRENT_PATIENT,
  HoldCode.PATIENT_MISMATCH,
  HoldCode.AMBIGUOUS_PATIENT,
  HoldCode.PATIENT_NOT_FOUND,
  HoldCode.MISSING_IDENTIFIERS,
  HoldCode.STALE_SELECTION,
  HoldCode.CHAIR_CONFIRMATION_NEEDED,
];

/** What the code means, in the words the status page and the hub's timeline show. */
export const HOLD_SENTENCES: Readonly<Record<HoldCode, string>> = {
  no_current_patient: "no patient is in the chair of this doctor's workstations or operatories",
  patient_mismatch: "the report's patient is not the patient in the chair",
  ambiguous_patient: "more than one Open Dental patient has the report's name and birthdate",
  patient_not_found: "no Open Dental patient has the report's identifiers",
  missing_identifiers: "the report does not identify its patient well enough (a name needs a birthdate)",
  stale_selection: "the patient in the chair was selected before the visit or too long ago",
  chair_confirmation_needed: "the report names no patient: confirm the patient in the chair",
  review_required: "every report is held for review (opendental.review always)",
  not_configured:
    "no writer is configured on this PC yet: the report is kept in the journal for review on the status page",
  doctor_not_mapped: "this doctor has no Open Dental provider mapped (sofia-agent opendental map)",
  setup_needed: "Open Dental needs attention before reports can be written",
  write_refused: "Open Dental refused the write",
  write_unconfirmed: "the note may have been written: check the patient's chart before writing it again",
  note_too_long: "the report is longer than an Open Dental note can hold",
};

/** `code: sentence` plus optional detail (never patient data: ids, codes, counts only). */
export function holdReason(code: HoldCode, detail?: string): string {
  return `${code}: ${HOLD_SENTENCES[code]}${detail ? ` (${detail})` : ""}`.slice(0, 1000);
}

/** The code at the start of a reason written by {@link holdReason}, or null. */
export function reasonCode(reason: string | null): HoldCode | null {
  const code = /^([a-z_]+):/.exec(reason ?? "")?.[1];
  return code !== undefined && (Object.values(HoldCode) as string[]).includes(code) ? (code as HoldCode) : null;
}
