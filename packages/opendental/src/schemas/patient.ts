import { z } from "zod";
import { OdDate, OdDateTime, OdKey, OdName } from "../wire.ts";

/*
 * Patients as Patients GET (single), GET Simple, GET (multiple) and the PatientSelected event send
 * them (apipatients.html, apievents.html). Only the fields a writer relies on are kept; the rest
 * (addresses, phones, balances) are dropped on parsing, which also keeps them out of memory.
 */

const Name = OdName.max(100);

/** The fields every patient shape has. */
const PatientCore = z.object({
  PatNum: OdKey.pipe(z.number().positive()),
  LName: Name,
  FName: Name,
  MiddleI: Name,
  Preferred: Name,
  /** "Patient", "NonPatient", "Inactive", "Archived", "Deceased", "Prospective". */
  PatStatus: OdName,
  /** null when Open Dental has none (0001-01-01). */
  Birthdate: OdDate,
  ChartNumber: OdName,
  /** A number, or its text in the PatientSelected event ("ClinicNum":"1"). */
  ClinicNum: OdKey,
  priProvAbbr: OdName,
  /** The BillingTypes definition's name ("Standard Account"), as recorded from the real API. */
  BillingType: OdName,
});

/** A patient from Patients GET (single) or GET Simple. */
export const OdPatient = PatientCore.extend({
  /** "Male", "Female", "Unknown", "Other". */
  Gender: OdName,
  PriProv: OdKey,
  SecProv: OdKey,
  Guarantor: OdKey,
  DateTStamp: OdDateTime,
  /** Only in Patients GET Simple: the office's clock when it answered. */
  serverDateTime: OdDateTime.optional(),
});
export type OdPatient = z.output<typeof OdPatient>;

/** A row of Patients GET (multiple), the Patient Select search: fewer fields. */
export const OdPatientListItem = PatientCore;
export type OdPatientListItem = z.output<typeof OdPatientListItem>;

/** The patient a PatientSelected UI event carries (apievents.html's example: no SecProv, Guarantor kept). */
export const OdSelectedPatient = PatientCore.extend({
  Gender: OdName,
  PriProv: OdKey,
  Guarantor: OdKey,
  DateTStamp: OdDateTime,
});
export type OdSelectedPatient = z.output<typeof OdSelectedPatient>;
