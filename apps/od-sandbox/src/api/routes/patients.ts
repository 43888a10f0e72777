import type { Hono } from "hono";
import { PatientGender, PatientPosition, PatientStatus } from "../../enums.ts";
import type { Condition } from "../../store/store.ts";
import { type ApiEnv, paramsOf, pathKey, type SandboxDeps, serverDateTime } from "../context.ts";
import { odError } from "../errors.ts";
import { loadLookups } from "../lookups.ts";
import { readPage } from "../paging.ts";
import type { Params } from "../params.ts";
import { searchPatients } from "../patient-search.ts";
import { patientListView, patientView } from "../views/patient.ts";

type Where = Condition<"patient">[];
const SIMPLE_STATUSES = ["Patient", "NonPatient", "Inactive", "Archived", "Deceased", "Prospective"];

/** `GET /patients/{PatNum}`, `GET /patients` (the Patient Select search) and `GET /patients/Simple` [S8]. */
export function patientRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  app.get("/patients/Simple", async (c) => {
    const params = paramsOf(c);
    const page = readPage(params, deps.mode);
    const rows = await deps.store.select("patient", { where: simpleFilters(params), ...page });
    const lookups = await loadLookups(deps.store);
    const now = serverDateTime(deps);
    return c.json(rows.map((p) => ({ ...patientView(p, lookups), serverDateTime: now })));
  });

  app.get("/patients/:PatNum", async (c) => {
    const patient = await deps.store.get("patient", pathKey(c, "PatNum"));
    // Inferred: a Deleted patient (PatStatus 4; the table keeps them [S30]) reads as not found.
    if (!patient || patient.PatStatus === 4) return odError(c, 404, "Patient not found.");
    return c.json(patientView(patient, await loadLookups(deps.store)));
  });

  app.get("/patients", async (c) => {
    const params = paramsOf(c);
    // The real API answers 400 to this filter here (recorded); it belongs to Patients GET Simple [S8].
    // Inferred: the wording.
    if (params.text("DateTStamp") !== undefined) {
      return odError(c, 400, "DateTStamp is not a parameter of Patients GET (multiple); use Patients GET Simple.");
    }
    const page = readPage(params, deps.mode);
    const rows = (await searchPatients(deps.store, params)).slice(page.offset, page.offset + page.limit);
    const lookups = await loadLookups(deps.store);
    return c.json(rows.map((p) => patientListView(p, lookups)));
  });
}

// Inferred: Simple leaves out Deleted patients, as its documented PatStatus values do [S8].
function simpleFilters(params: Params): Where {
  const where: Where = [{ column: "PatStatus", op: "<>", value: 4 }];
  for (const column of ["LName", "FName"] as const) {
    const value = params.text(column);
    if (value !== undefined) where.push({ column, op: "contains", value });
  }
  const birthdate = params.date("Birthdate");
  if (birthdate) where.push({ column: "Birthdate", op: "=", value: birthdate });
  const stamp = params.dateTime("DateTStamp");
  if (stamp) where.push({ column: "DateTStamp", op: ">=", value: stamp });
  const status = params.enum("PatStatus", PatientStatus, SIMPLE_STATUSES);
  if (status !== undefined) where.push({ column: "PatStatus", op: "=", value: status });
  const gender = params.enum("Gender", PatientGender);
  if (gender !== undefined) where.push({ column: "Gender", op: "=", value: gender });
  const position = params.enum("Position", PatientPosition);
  if (position !== undefined) where.push({ column: "Position", op: "=", value: position });
  for (const column of ["ClinicNum", "PriProv", "Guarantor", "SuperFamily", "EmployerNum", "FeeSched"] as const) {
    const value = params.num(column);
    if (value !== undefined) where.push({ column, op: "=", value });
  }
  return where;
}
