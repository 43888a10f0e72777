import { isOdError, OdErrorCode, type OpenDentalClient } from "@sofia/opendental";
import type { Patient } from "@sofia/protocol";
import { hasFullName, namesMatch } from "./names.ts";
import type { Identity } from "./rule.ts";

/**
 * Who the report's identifiers name in Open Dental, by reading only (a patient is never created,
 * merged or edited):
 * - `opendental_patnum`: that patient, if it exists — and every name or birthdate the report also
 *   gives must be that patient's, or it is a conflict;
 * - otherwise a whole name and a birthdate: every chart born that day (archived and deceased
 *   included, so a look-alike there still makes it ambiguous) whose name matches, ignoring case,
 *   accents and spacing, in either order; exactly one must.
 * Open Dental failures propagate (the caller retries or holds by their `action`).
 */
export async function identify(patient: Patient | null, od: OpenDentalClient): Promise<Identity> {
  if (patient === null) return { kind: "none" };
  if (patient.opendental_patnum !== undefined) {
    const patNum = patient.opendental_patnum;
    let chart: Awaited<ReturnType<OpenDentalClient["patients"]["get"]>>;
    try {
      chart = await od.patients.get(patNum);
    } catch (error) {
      if (isOdError(error, OdErrorCode.NOT_FOUND)) return { kind: "not_found" };
      throw error;
    }
    const named = patient.name !== undefined || patient.given_name !== undefined || patient.family_name !== undefined;
    if (named && !namesMatch(patient, chart)) return { kind: "conflict", patNum };
    if (patient.birthdate !== undefined && chart.Birthdate !== patient.birthdate) return { kind: "conflict", patNum };
    return { kind: "found", patNum, by: "patnum" };
  }
  if (!hasFullName(patient) || patient.birthdate === undefined) return { kind: "partial" };
  const born = await od.patients.search({ Birthdate: patient.birthdate, showArchived: true });
  const matches = born.filter((p) => p.Birthdate === patient.birthdate && namesMatch(patient, p));
  const [only] = matches;
  if (!only) return { kind: "not_found" };
  if (matches.length > 1) return { kind: "ambiguous", count: matches.length };
  return { kind: "found", patNum: only.PatNum, by: "name-birthdate" };
}
