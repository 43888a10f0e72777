import type { RowFor } from "./columns.ts";
import { operatory, patient, provider } from "./tables/people.ts";
import { procedurecode, procedurelog, procnote } from "./tables/procedures.ts";
import { apikey, apisubscription, commlog, computer, document } from "./tables/records.ts";
import { appointment, definition, preference } from "./tables/schedule.ts";

/*
 * Open Dental's tables as the v25.3 schema names them [S30], with the columns the sandbox serves
 * (a subset of each table; every name and MySQL type is Open Dental's). `DateTStamp` is declared
 * `datetime` rather than MySQL's auto-updating `timestamp`: the store stamps it from the injected
 * office clock on every insert and update, which is what MySQL would do, but testable.
 */

export {
  apikey,
  apisubscription,
  appointment,
  commlog,
  computer,
  definition,
  document,
  operatory,
  patient,
  preference,
  procedurecode,
  procedurelog,
  procnote,
  provider,
};

/** Every table the sandbox keeps, by its Open Dental name. */
export const tables = {
  patient,
  provider,
  operatory,
  appointment,
  definition,
  preference,
  procedurecode,
  procedurelog,
  procnote,
  commlog,
  document,
  computer,
  apisubscription,
  apikey,
} as const;

export type Tables = typeof tables;
export type TableName = keyof Tables;
/** The decoded row of table `T`. */
export type RowOf<T extends TableName> = RowFor<Tables[T]>;
