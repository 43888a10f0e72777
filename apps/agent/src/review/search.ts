import type { OdPatientListItem, PatientSearch } from "@sofia/opendental";
import type { Office } from "../opendental/office.ts";
import { type Candidate, displayName, fromPatient } from "./candidate.ts";
import type { OfficeDay } from "./today.ts";

/** At most this many patients are shown for one search. */
const MAX_RESULTS = 50;

/**
 * Patients whose name matches `query` as Open Dental's Patient Select searches (the last name
 * anywhere, the first name from its start): "lop" finds every Lopez; "Lopez, So" and "So Lopez"
 * narrow to a first name; one word is tried as a last name and as a first name.
 */
export async function searchPatients(office: Office, day: OfficeDay, query: string, operatories: readonly number[]) {
  const q = query.replace(/\s+/g, " ").trim().slice(0, 100);
  if (q === "") return [];
  const tries: PatientSearch[] = [];
  const comma = q.indexOf(",");
  if (comma >= 0) {
    const last = q.slice(0, comma).trim();
    const first = q.slice(comma + 1).trim();
    tries.push({ ...(last ? { LName: last } : {}), ...(first ? { FName: first } : {}) });
  } else {
    const words = q.split(" ");
    const [head = "", ...rest] = words;
    if (rest.length === 0) tries.push({ LName: head }, { FName: head });
    else {
      tries.push({ FName: head, LName: rest.join(" ") }, { LName: head, FName: rest.join(" ") }, { LName: q });
    }
  }
  const rows = new Map<number, OdPatientListItem>();
  for (const criteria of tries.filter((t) => Object.keys(t).length > 0)) {
    for (const p of await office.track(office.client.patients.search(criteria))) rows.set(p.PatNum, p);
    if (rows.size >= MAX_RESULTS) break;
  }
  const out: Candidate[] = [...rows.values()].slice(0, MAX_RESULTS).map((p) => ({
    ...fromPatient(p, day.today),
    why: [{ kind: "search" }],
    appointment: day.appointmentOf(p.PatNum, operatories),
  }));
  return out.sort((a, b) => displayName(a).localeCompare(displayName(b)));
}
