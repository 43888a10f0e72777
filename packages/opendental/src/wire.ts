import { z } from "zod";

/*
 * Open Dental's wire formats (apiimplementation.html, "Data Types"), modelled as they are sent
 * rather than cast: numbers that sometimes arrive as text ("ClinicNum": "0", "CommType": "239"),
 * booleans as "true"/"false", money as "60.00", dates as "yyyy-MM-dd" with "0001-01-01" for none,
 * date-times as office-local "yyyy-MM-dd HH:mm:ss" (no time zone) with "0001-01-01 00:00:00" or ""
 * for none. Each schema turns the wire value into one JavaScript type.
 */

const INTEGER_TEXT = /^-?\d{1,16}$/;
const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const EMPTY_DATE = "0001-01-01";

/** A whole number, sent as a number or as its text. */
export const OdInt = z
  .union([z.number().int(), z.string().regex(INTEGER_TEXT).transform(Number)])
  .pipe(z.number().int().safe());

/** A primary or foreign key: a whole number ≥ 0 (0 means "none" for foreign keys). */
export const OdKey = OdInt.pipe(z.number().min(0));

/** A money amount or other decimal, sent as a number or as text ("60.00"). */
export const OdDecimal = z.union([z.number(), z.string().regex(DECIMAL_TEXT).transform(Number)]).pipe(z.number());

/** A boolean, sent as "true" or "false". */
export const OdBool = z.enum(["true", "false"]).transform((value) => value === "true");

/** Free text, as sent (bounded so that a runaway field cannot fill memory). */
export const OdText = z.string().max(1_000_000);

/** A short text name: an enum's text or an abbreviation. */
export const OdName = z.string().max(255);

/** A `yyyy-MM-dd` date, or null for Open Dental's "none" (`0001-01-01`) or an empty string. */
export const OdDate = z
  .string()
  .refine((text) => text === "" || DATE.test(text), "expected a yyyy-MM-dd date")
  .transform((text) => (text === "" || text === EMPTY_DATE ? null : text));

/**
 * An office-local `yyyy-MM-dd HH:mm:ss`, or null for "none" (`0001-01-01 00:00:00`) and for the
 * empty string some answers carry (ProcedureLogs POST's DateTStamp and serverDateTime).
 */
export const OdDateTime = z
  .string()
  .refine((text) => text === "" || DATE_TIME.test(text), "expected a yyyy-MM-dd HH:mm:ss date-time")
  .transform((text) => (text === "" || text.startsWith(EMPTY_DATE) ? null : text));

/** An "R,G,B" colour ("255,230,140"). */
export const OdColor = z.string().regex(/^\d{1,3},\d{1,3},\d{1,3}$/);

/** A list of `item`, at most `max` long (a page is at most 1,000 rows; 10,000 with Enterprise). */
export const odList = <T extends z.ZodType>(item: T, max = 10_000) => z.array(item).max(max);
