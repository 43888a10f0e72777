import { z } from "zod";
import { OdBool, OdColor, OdDateTime, OdInt, OdKey, OdName, OdText } from "../wire.ts";

/*
 * The office's setup: providers (apiproviders.html), operatories (apioperatories.html),
 * workstations (apicomputers.html), definitions (apidefinitions.html), preferences
 * (apipreferences.html) and procedure codes (apiprocedurecodes.html).
 */

const Key = OdKey.pipe(z.number().positive());

/** A provider. `IsSecondary` marks a hygienist. */
export const OdProvider = z.object({
  ProvNum: Key,
  Abbr: OdName,
  LName: OdName,
  FName: OdName,
  MI: OdName,
  Suffix: OdName,
  IsSecondary: OdBool,
  /** "R,G,B". */
  provColor: OdColor,
  IsHidden: OdBool,
  /** "Active" or "Deleted". */
  ProvStatus: OdName,
  IsNotPerson: OdBool,
  DateTStamp: OdDateTime,
  /** Empty (null) when the list was filtered by ClinicNum. */
  serverDateTime: OdDateTime,
});
export type OdProvider = z.output<typeof OdProvider>;

/** An operatory (a column of the schedule, a chair), with its assigned dentist and hygienist. */
export const OdOperatory = z.object({
  OperatoryNum: Key,
  OpName: OdName,
  Abbrev: OdName,
  ItemOrder: OdInt,
  IsHidden: OdBool,
  ProvDentist: OdKey,
  ProvHygienist: OdKey,
  IsHygiene: OdBool,
  ClinicNum: OdKey,
});
export type OdOperatory = z.output<typeof OdOperatory>;

/** A workstation running (or having run) Open Dental; a fresh heartbeat means it runs now (every 3 min). */
export const OdComputer = z.object({
  ComputerNum: Key,
  CompName: OdName,
  LastHeartBeat: OdDateTime,
});
export type OdComputer = z.output<typeof OdComputer>;

/** A definition: an entry of one of the office's lists (Category 2 = appointment confirmation statuses). */
export const OdDefinition = z.object({
  DefNum: Key,
  ItemName: OdName,
  ItemValue: OdText.max(65_535),
  Category: OdInt,
  category: OdName.optional(),
  isHidden: OdBool,
});
export type OdDefinition = z.output<typeof OdDefinition>;

/** A preference: a name and its value as text. */
export const OdPreference = z.object({
  PrefNum: Key,
  PrefName: OdName,
  ValueString: OdText.max(65_535),
});
export type OdPreference = z.output<typeof OdPreference>;

/** A procedure code (`Zclin`, `N4117`, `D0120`, …). */
export const OdProcedureCode = z.object({
  CodeNum: Key,
  ProcCode: OdName,
  Descript: OdName,
  AbbrDesc: OdName,
  /** "Mouth", "Tooth", "Surf", … */
  TreatArea: OdName,
  DefaultNote: OdText.max(65_535),
  DateTStamp: OdDateTime,
});
export type OdProcedureCode = z.output<typeof OdProcedureCode>;
