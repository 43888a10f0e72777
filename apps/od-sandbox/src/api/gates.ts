/**
 * What each served method, query parameter and body field needs of the office's version: the
 * "Version Added" and "(Added in version …)" notes of Open Dental's API pages [S3][S6][S7][S9]
 * [S17][S18][S29][S37][S38][S47][S48]. "The version of the customer database must be at least as
 * high as the version that the method was added" [S3].
 */

/** A gate on a request: its method, its resource path (without `/api/v1`) and the version it needs. */
export interface Gate {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: RegExp;
  since: string;
  /** How a client would name it ("ProcNotes GET", "doAppendNote"). */
  name: string;
}

/** A gate on one query parameter or body field of a request; `values` narrows it to some values. */
export interface PartGate extends Gate {
  part: string;
  values?: readonly string[];
}

const ID = "\\d+";
const p = (pattern: string) => new RegExp(`^${pattern.replaceAll("{id}", ID)}/?$`);

/** Methods added after 21.1 that the sandbox serves. */
export const METHOD_GATES: readonly Gate[] = [
  { method: "GET", path: p("/patients/Simple"), since: "21.2", name: "Patients GET Simple" },
  { method: "GET", path: p("/providers/{id}"), since: "24.4.17", name: "Providers GET (single)" },
  { method: "GET", path: p("/operatories/{id}"), since: "24.1.10", name: "Operatories GET (single)" },
  { method: "GET", path: p("/procedurecodes"), since: "22.3.22", name: "ProcedureCodes GET (multiple)" },
  { method: "GET", path: p("/procedurecodes/{id}"), since: "23.3.25", name: "ProcedureCodes GET (single)" },
  { method: "GET", path: p("/procedurelogs/{id}"), since: "23.3.13", name: "ProcedureLogs GET (single)" },
  { method: "POST", path: p("/procedurelogs"), since: "21.4", name: "ProcedureLogs POST" },
  { method: "GET", path: p("/procnotes"), since: "24.2.29", name: "ProcNotes GET" },
  { method: "POST", path: p("/procnotes"), since: "22.2", name: "ProcNotes POST" },
  { method: "GET", path: p("/commlogs/{id}"), since: "25.1.13", name: "Commlogs GET (single)" },
  { method: "GET", path: p("/documents"), since: "21.2", name: "Documents GET (multiple)" },
  { method: "GET", path: p("/documents/{id}"), since: "24.2.32", name: "Documents GET (single)" },
  { method: "GET", path: p("/computers"), since: "23.1.30", name: "Computers GET" },
  { method: "GET", path: p("/subscriptions"), since: "22.1", name: "Subscriptions GET" },
  { method: "POST", path: p("/subscriptions"), since: "22.1", name: "Subscriptions POST" },
  { method: "PUT", path: p("/subscriptions/{id}"), since: "22.1", name: "Subscriptions PUT" },
  { method: "DELETE", path: p("/subscriptions/{id}"), since: "22.1", name: "Subscriptions DELETE" },
];

const query = (path: string, since: string, ...parts: string[]): PartGate[] =>
  parts.map((part) => ({ method: "GET", path: p(path), since, name: part, part }));
const body = (method: "POST", path: string, since: string, ...parts: string[]): PartGate[] =>
  parts.map((part) => ({ method, path: p(path), since, name: part, part }));

/** Query parameters added after their method. */
export const PARAM_GATES: readonly PartGate[] = [
  ...query("/appointments", "21.4", "PatNum"),
  ...query("/appointments", "22.4.28", "AptStatus"),
  ...query("/appointments", "23.2.27", "Op"),
  ...query("/appointments", "24.4.22", "AppointmentTypeNum"),
  ...query("/procedurelogs", "22.3.32", "AptNum"),
  ...query("/procedurelogs", "23.3.13", "ClinicNum"),
  ...query("/procedurelogs", "24.4.5", "PlannedAptNum"),
  ...query("/procedurelogs", "25.2.21", "ProcStatus", "CodeNum"),
  ...query("/procedurecodes", "22.4.28", "DateTStamp"),
  ...query("/providers", "21.3", "DateTStamp"),
  ...query("/commlogs", "25.1.13", "DateTStamp"),
  ...query("/patients/Simple", "21.3", "PriProv"),
  ...query("/patients/Simple", "22.3.6", "Gender", "Position"),
  ...query("/patients/Simple", "22.4.19", "Guarantor"),
  ...query("/patients/Simple", "22.4.38", "SuperFamily"),
  ...query("/patients/Simple", "24.3.30", "EmployerNum"),
  ...query("/patients/Simple", "25.2.19", "FeeSched"),
];

/** Body fields added after their method. */
export const FIELD_GATES: readonly PartGate[] = [
  ...body("POST", "/procnotes", "24.2.29", "isSigned", "doAppendNote"),
  ...body("POST", "/procedurelogs", "25.2.21", "CodeNum", "ClaimNote", "DateTP", "SiteNum", "ProcTime"),
  ...body("POST", "/procedurelogs", "25.2.21", "ProcTimeEnd", "Prognosis", "BillingNote", "Discount"),
  ...body("POST", "/procedurelogs", "25.2.21", "IsDateProsthEst"),
  {
    method: "POST",
    path: p("/procedurelogs"),
    since: "25.1.14",
    name: "ProcStatus",
    part: "ProcStatus",
    values: ["EC", "R", "Cn"],
  },
  { method: "PUT", path: p("/appointments/{id}/Confirm"), since: "21.2", name: "defNum", part: "defNum" },
  ...body("POST", "/documents/Upload", "22.1", "DateCreated"),
  ...body("POST", "/documents/Upload", "23.1.35", "ToothNumbers"),
  ...body("POST", "/documents/Upload", "24.2.32", "ProvNum", "PrintHeading"),
];

/** Before this version, Commlogs POST answered without the new commlog [S17]. */
export const COMMLOG_POST_RETURNS_OBJECT = "23.3.7";
