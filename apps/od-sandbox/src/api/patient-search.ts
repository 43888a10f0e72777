import { keyPref } from "../services/prefs.ts";
import type { Condition, OdStore } from "../store/store.ts";
import type { RowOf } from "../store/tables.ts";
import { ParamError, type Params } from "./params.ts";

type Patient = RowOf<"patient">;
type Where = Condition<"patient">[];

/** Patients GET (multiple) parameters matched from the start of the column, as Open Dental's search does. */
const STARTS_WITH = ["City", "State", "SSN", "ChartNumber"] as const;
/** … and those matched anywhere in it. */
const CONTAINS = ["Email", "Country"] as const;

/**
 * The patients `GET /patients` finds, in its order. Open Dental answers it with the Patient Select
 * window's query (`Patients.GetPtDataTable` [S8][S31]), which the sandbox follows:
 * - LName anywhere in the last name (the window without its 40-row limit; inferred: the API pages
 *   instead of limiting), FName at the start of the first name — or of the preferred name when
 *   the office sets `PatientSelectUseFNameForPreferred`;
 * - City, State, SSN, ChartNumber at the start; Address (punctuation and spaces as wildcards),
 *   Email, Country anywhere; Phone by its digits in any phone column; Birthdate exactly;
 * - Deleted never, Inactive unless hideInactive, Archived and Deceased only with showArchived;
 *   guarOnly keeps heads of family; clinicNums keeps those clinics and patients of no clinic
 *   (inferred: not also the patients with an appointment there, which Open Dental adds);
 * - exact matches of every given field first, then by last and first name.
 * The rows are sorted here rather than in SQL, so the page is cut after the exact-match order.
 */
export async function searchPatients(store: OdStore, params: Params): Promise<Patient[]> {
  const usePreferred = (await keyPref(store, "PatientSelectUseFNameForPreferred")) === 1;
  const guarOnly = params.bool("guarOnly") === true;
  const rows = (await store.select("patient", { where: searchFilters(params, usePreferred) })).filter(
    (p) => !guarOnly || p.PatNum === p.Guarantor,
  );
  const exact = exactMatcher(params);
  return rows.sort(
    (a, b) =>
      Number(exact(b)) - Number(exact(a)) ||
      a.LName.localeCompare(b.LName) ||
      a.FName.localeCompare(b.FName) ||
      a.PatNum - b.PatNum,
  );
}

function searchFilters(params: Params, usePreferred: boolean): Where {
  const where: Where = [{ column: "PatStatus", op: "<>", value: 4 }];
  const lName = params.text("LName");
  if (lName !== undefined) where.push({ column: "LName", op: "contains", value: lName });
  const fName = params.text("FName");
  if (fName !== undefined) {
    const first: Condition<"patient"> = { column: "FName", op: "startsWith", value: fName };
    where.push(usePreferred ? { anyOf: [first, { column: "Preferred", op: "startsWith", value: fName }] } : first);
  }
  for (const column of STARTS_WITH) {
    const value = params.text(column);
    if (value !== undefined) where.push({ column, op: "startsWith", value });
  }
  for (const column of CONTAINS) {
    const value = params.text(column);
    if (value !== undefined) where.push({ column, op: "contains", value });
  }
  // "4145 S Court St" finds "4145 S. Court St.": each run of punctuation or space matches anything.
  for (const part of (params.text("Address") ?? "").split(/[°\-.,:;_"'/\\)(#\s&]+/).filter(Boolean)) {
    where.push({ column: "Address", op: "contains", value: part });
  }
  const phone = params.text("Phone")?.replace(/\D/g, "");
  if (phone) {
    const phones = (["HmPhone", "WkPhone", "WirelessPhone"] as const).map(
      (column): Condition<"patient"> => ({ column, op: "digits", value: phone }),
    );
    where.push({ anyOf: phones });
  }
  const birthdate = params.date("Birthdate");
  if (birthdate) where.push({ column: "Birthdate", op: "=", value: birthdate });
  if (params.bool("hideInactive")) where.push({ column: "PatStatus", op: "<>", value: 2 });
  if (!params.bool("showArchived")) where.push({ column: "PatStatus", op: "in", value: [0, 1, 2, 6] });
  const clinics = params.text("clinicNums");
  if (clinics !== undefined) where.push({ column: "ClinicNum", op: "in", value: [0, ...clinicList(clinics)] });
  return where;
}

/** True for a patient whose every given text field equals the search exactly (case-insensitive, as MySQL). */
function exactMatcher(params: Params): (p: Patient) => boolean {
  const fields = (["LName", "FName", "Address", "City", "State", "SSN", "ChartNumber", "Email", "Country"] as const)
    .map((column) => [column, params.text(column)?.toLowerCase()] as const)
    .filter((pair): pair is readonly [(typeof pair)[0], string] => pair[1] !== undefined);
  const birthdate = params.text("Birthdate");
  if (fields.length === 0 && birthdate === undefined) return () => false;
  return (p) =>
    fields.every(([column, value]) => p[column].toLowerCase() === value) &&
    (birthdate === undefined || p.Birthdate === birthdate);
}

function clinicList(text: string): number[] {
  return text.split(",").map((part) => {
    const trimmed = part.trim();
    if (!/^\d{1,15}$/.test(trimmed)) throw new ParamError("clinicNums must be a comma-separated list of numbers.");
    return Number(trimmed);
  });
}
