import type { ReportLayout, ReportSection } from "@sofia/protocol";
import { REPORT_SECTIONS } from "@sofia/protocol";

/** Width plain text is wrapped at when a clinic sets none. Inferred: Open Dental's procedure note box. */
export const DEFAULT_PLAINTEXT_WIDTH = 76;

/** The sections in the clinic's order: listed ones first, then the rest in the standard order. */
export function sectionOrder(layout: ReportLayout): ReportSection[] {
  const first = layout.order ?? [];
  return [...first, ...REPORT_SECTIONS.filter((s) => !first.includes(s))];
}

/** A clinic's title for a section in a language, if it set one. */
export function overriddenTitle(layout: ReportLayout, language: string, section: ReportSection): string | undefined {
  return layout.titles?.[language]?.[section] ?? layout.titles?.["*"]?.[section];
}
