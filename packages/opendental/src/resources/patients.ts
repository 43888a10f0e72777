import { z } from "zod";
import { ArgDate, ArgDateTime, ArgKey, argText, checkArgs } from "../args.ts";
import { type ApiContext, fetchAll, fetchOne } from "../context.ts";
import { OdPatient, OdPatientListItem } from "../schemas/patient.ts";
import { odList } from "../wire.ts";

const Name = argText(100).trim().min(1);

/**
 * Patients GET (multiple) criteria. It runs Open Dental's Patient Select search: LName matches
 * anywhere in the last name, FName only at the start of the first name (or of the preferred name
 * when the office sets PatientSelectUseFNameForPreferred), case-insensitively. Deleted patients
 * never appear; archived and deceased ones only with `showArchived`.
 */
export const PatientSearch = z
  .object({
    LName: Name.optional(),
    FName: Name.optional(),
    Birthdate: ArgDate.optional(),
    Phone: argText(30).optional(),
    ChartNumber: argText(100).optional(),
    Email: argText(100).optional(),
    hideInactive: z.boolean().optional(),
    showArchived: z.boolean().optional(),
    guarOnly: z.boolean().optional(),
  })
  .strict();
export type PatientSearch = z.input<typeof PatientSearch>;

/** Patients GET Simple criteria: LName and FName match anywhere; DateTStamp finds changes since. */
export const PatientSimpleSearch = z
  .object({
    LName: Name.optional(),
    FName: Name.optional(),
    Birthdate: ArgDate.optional(),
    PatStatus: z.enum(["Patient", "NonPatient", "Inactive", "Archived", "Deceased", "Prospective"]).optional(),
    DateTStamp: ArgDateTime.optional(),
    ClinicNum: z.number().int().min(0).optional(),
  })
  .strict();
export type PatientSimpleSearch = z.input<typeof PatientSimpleSearch>;

/** Patients (apipatients.html). The API can read them; this client never creates, edits or merges one. */
export class PatientsApi {
  constructor(private readonly ctx: ApiContext) {}

  /** One patient by PatNum; `not_found` when there is none (or it was deleted). */
  async get(patNum: number): Promise<OdPatient> {
    const id = checkArgs(ArgKey, patNum, "GET /patients/{id}");
    return fetchOne(this.ctx, {
      method: "GET",
      path: `/patients/${id}`,
      template: "/patients/{id}",
      schema: OdPatient,
    });
  }

  /** Every patient the Patient Select search finds, in its order (exact matches first). */
  async search(criteria: PatientSearch): Promise<OdPatientListItem[]> {
    const query = checkArgs(PatientSearch, criteria, "GET /patients");
    return fetchAll(this.ctx, {
      method: "GET",
      path: "/patients",
      template: "/patients",
      query,
      schema: odList(OdPatientListItem),
    });
  }

  /** Every patient Patients GET Simple finds, with the full patient fields. */
  async simple(criteria: PatientSimpleSearch): Promise<OdPatient[]> {
    const query = checkArgs(PatientSimpleSearch, criteria, "GET /patients/Simple");
    return fetchAll(this.ctx, {
      method: "GET",
      path: "/patients/Simple",
      template: "/patients/Simple",
      query,
      schema: odList(OdPatient),
    });
  }
}
