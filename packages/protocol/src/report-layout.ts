import { z } from "zod";
import { REPORT_SECTIONS } from "./report.ts";

const SectionName = z.enum(REPORT_SECTIONS);

/**
 * A clinic's choices for how its reports are laid out: section order, section titles per language
 * (`*` for every language), and plain-text wrapping and line endings. Stored with the clinic and
 * set by `sofia-hub clinics layout`; every field is optional.
 */
export const ReportLayout = z
  .object({
    /** Sections listed first, in this order; sections left out follow in the standard order, so no text is ever dropped. */
    order: z
      .array(SectionName)
      .max(REPORT_SECTIONS.length)
      .refine((order) => new Set(order).size === order.length, "lists a section twice")
      .optional(),
    /** Titles by language subtag (`fr`) or `*`, then by section. */
    titles: z
      .record(
        z.string().regex(/^([a-z]{2,3}|\*)$/, "must be a language subtag such as fr, or *"),
        z.partialRecord(SectionName, z.string().trim().min(1).max(80)),
      )
      .optional(),
    /** Column to wrap plain text at (0: no wrapping), and its line endings. */
    plaintextWidth: z.number().int().min(0).max(500).optional(),
    plaintextLineEnding: z.enum(["lf", "crlf"]).optional(),
  })
  .strict();
export type ReportLayout = z.infer<typeof ReportLayout>;
