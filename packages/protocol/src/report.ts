import { z } from "zod";
import { MAX_REPORT_SECTION_CHARS } from "./limits.ts";

const Section = z.string().max(MAX_REPORT_SECTION_CHARS);

/**
 * The structured clinical report Sofia writes: the five sections of the integration spec's
 * `json_report`. Every section is present; an empty string means Sofia had nothing to say.
 */
export const ReportContent = z.object({
  history: Section,
  findings: Section,
  diagnosis: Section,
  procedure: Section,
  recommendation: Section,
});
export type ReportContent = z.infer<typeof ReportContent>;

/** Section names in the order the spec lists them, which is also the order renderings use. */
export const REPORT_SECTIONS = [
  "history",
  "findings",
  "diagnosis",
  "procedure",
  "recommendation",
] as const satisfies readonly (keyof ReportContent)[];
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** Total length of a report's text, to compare with `MAX_REPORT_TEXT_CHARS`. */
export function reportTextLength(report: ReportContent): number {
  return REPORT_SECTIONS.reduce((sum, key) => sum + report[key].length, 0);
}

/**
 * The language a report is written in, as a BCP 47 tag (`en`, `fr-CA`, `ar`). It chooses the
 * renderings' section titles and labels, and right-to-left layout for Arabic, Hebrew, Persian and
 * Urdu. Tags are canonicalised (`EN-us` becomes `en-US`).
 */
export const ReportLanguage = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "must be a BCP 47 language tag such as en, fr or ar-MA")
  .transform((tag, ctx) => {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? tag;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a BCP 47 language tag such as en, fr or ar-MA" });
      return z.NEVER;
    }
  });

/** `YYYY-MM-DD` that is also a real calendar date (no 2026-02-30). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine(isCalendarDate, "must be a real calendar date");

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const PersonName = z.string().trim().min(1).max(200);

/**
 * Who the report is about, as the producer knows it. Every field is optional, but at least one
 * must be given; the agent uses them to match the patient in the chair and holds the report for
 * a human when they do not match. `name` is the whole name in either order ("Jane Doe",
 * "Doe, Jane"); producers that keep the parts apart send `given_name` and `family_name` too (or
 * instead), which spares the agent guessing where a multi-word name splits.
 */
export const Patient = z
  .object({
    name: PersonName.optional(),
    given_name: PersonName.optional(),
    family_name: PersonName.optional(),
    birthdate: CalendarDate.optional(),
    external_id: z.string().min(1).max(128).optional(),
    opendental_patnum: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: "give at least one of name, given_name, family_name, birthdate, external_id, opendental_patnum",
  });
export type Patient = z.infer<typeof Patient>;
