import { z } from "zod";
import { isOdDate, isOdDateTime, isOdTime } from "../format.ts";

/*
 * Body fields in Open Dental's terms, each with the sentence a 400 carries. Inferred: the exact
 * wording of validation messages beyond [S3]'s "PatNum is required" example.
 */

const required = (name: string, what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${name} is required.` : `${name} must be ${what}.`;

/** A positive whole number (a primary or foreign key). */
export const keyField = (name: string) =>
  z
    .number({ error: required(name, "a number") })
    .int({ error: `${name} must be a whole number.` })
    .positive({
      error: `${name} must be greater than 0.`,
    });

/** A whole number ≥ 0 (a foreign key where 0 means none). */
export const fkField = (name: string) =>
  z
    .number({ error: required(name, "a number") })
    .int({ error: `${name} must be a whole number.` })
    .min(0, {
      error: `${name} must not be negative.`,
    });

/** A string of at most `max` characters. */
export const textField = (name: string, max: number) =>
  z.string({ error: required(name, "a string") }).max(max, { error: `${name} must be at most ${max} characters.` });

/**
 * A money amount: a number, or a decimal string as ProcedureLogs POST's own example sends
 * (`"ProcFee": "125.95"` [S7]).
 */
export const moneyField = (name: string) =>
  z
    .union([z.number(), z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/)], { error: required(name, "a number") })
    .transform(Number)
    .refine(Number.isFinite, { error: `${name} must be a number.` });

/** Open Dental's boolean text: "true" or "false" [S3]. */
export const boolField = (name: string) =>
  z.enum(["true", "false"], { error: required(name, 'either "true" or "false"') });

/** A `yyyy-MM-dd` date. */
export const dateField = (name: string) =>
  z.string({ error: required(name, "a date") }).refine(isOdDate, { error: `${name} format must be yyyy-MM-dd.` });

/**
 * A `yyyy-MM-dd HH:mm:ss` date-time. Inferred: a bare `yyyy-MM-dd` is accepted as midnight
 * (Open Dental documents only the full form).
 */
export const dateTimeField = (name: string) =>
  z
    .string({ error: required(name, "a date and time") })
    .refine((t) => isOdDateTime(t) || isOdDate(t), { error: `${name} format must be yyyy-MM-dd HH:mm:ss.` })
    .transform((t) => (t.length === 10 ? `${t} 00:00:00` : t));

/** A `HH:mm:ss` time of day. */
export const timeField = (name: string) =>
  z.string({ error: required(name, "a time") }).refine(isOdTime, { error: `${name} format must be HH:mm:ss.` });

/** One of an enum's text names. */
export const enumField = (name: string, allowed: readonly [string, ...string[]]) =>
  z.enum(allowed, { error: required(name, `one of ${allowed.join(", ")}`) });
