import { REPORT_SECTIONS, ReportLayout } from "@sofia/protocol";
import { UsageError } from "../config.ts";

/** The flags of `clinics layout`, as parseArgs returns them. */
export interface LayoutFlags {
  order?: string | undefined;
  title?: string[] | undefined;
  wrap?: string | undefined;
  "line-endings"?: string | undefined;
  reset?: boolean | undefined;
}

/**
 * Applies `clinics layout` flags to a clinic's current layout and validates the result with the
 * same schema the store uses, so a mistake is a usage error naming the flag, never a bad row.
 */
export function applyLayoutFlags(current: ReportLayout, flags: LayoutFlags): ReportLayout {
  // Built as plain data and parsed below: the flags are untrusted text until the schema says otherwise.
  const next: Record<string, unknown> & { titles?: Record<string, Record<string, string>> } = flags.reset
    ? {}
    : structuredClone(current);
  if (flags.order !== undefined) next.order = flags.order.split(",").map((s) => s.trim());
  for (const spec of flags.title ?? []) {
    const match = /^(?:([a-z]{2,3}):)?([a-z]+)=(.+)$/.exec(spec);
    if (!match) throw new UsageError(`--title "${spec}": use [LANG:]SECTION=TITLE, e.g. fr:findings=Examen`);
    const [, language = "*", section = "", title = ""] = match;
    if (!(REPORT_SECTIONS as readonly string[]).includes(section)) {
      throw new UsageError(`--title "${spec}": unknown section "${section}" (${REPORT_SECTIONS.join(", ")})`);
    }
    next.titles = { ...next.titles, [language]: { ...next.titles?.[language], [section]: title } };
  }
  if (flags.wrap !== undefined) next.plaintextWidth = Number(flags.wrap);
  if (flags["line-endings"] !== undefined) next.plaintextLineEnding = flags["line-endings"];
  const parsed = ReportLayout.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`invalid layout: ${issue?.path.join(".") || "layout"} ${issue?.message ?? ""}`.trim());
  }
  return parsed.data;
}
