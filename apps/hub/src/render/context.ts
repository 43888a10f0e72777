import type { Patient, ReportContent, ReportLayout, ReportSection } from "@sofia/protocol";
import type { Clinic, Doctor, ReportRecord } from "../store/records.ts";
import { cleanText } from "./clean-text.ts";
import { overriddenTitle, sectionOrder } from "./layout.ts";
import { type Locale, localeFor } from "./locale.ts";

/**
 * Everything a renderer needs: the report, who and when it is about, its language and the clinic's
 * layout. Plain data, so it can cross into the render worker.
 */
export interface RenderContext {
  report: ReportContent;
  patient: Patient | null;
  doctorName: string;
  clinicName: string;
  /** The visit's date, `YYYY-MM-DD`; null when the producer did not say ("not given"). */
  visitDate: string | null;
  /** BCP 47 tag of the report's language. */
  language: string;
  layout: ReportLayout;
}

/** What of a report its renderings depend on: a stored report, or one about to be stored. */
export type RenderableReport = Pick<ReportRecord, "content" | "patient" | "visitDate" | "language">;

/** The render context of a report, with its doctor and clinic as they are now. */
export function renderContextOf(report: RenderableReport, doctor: Doctor, clinic: Clinic): RenderContext {
  return {
    report: report.content,
    patient: report.patient,
    doctorName: doctor.name,
    clinicName: clinic.name,
    visitDate: report.visitDate,
    language: report.language,
    layout: clinic.reportLayout,
  };
}

/** A section ready to render: its key, its title in the report's language, and its text. */
export interface RenderedSection {
  key: ReportSection;
  title: string;
  text: string;
}

/** The sections in the clinic's order with their localized (or clinic-chosen) titles and cleaned text. */
export function sectionsOf(ctx: RenderContext, locale: Locale = localeFor(ctx.language)): RenderedSection[] {
  return sectionOrder(ctx.layout).map((key) => ({
    key,
    title: overriddenTitle(ctx.layout, locale.language, key) ?? locale.strings.sections[key],
    text: cleanText(ctx.report[key]),
  }));
}

/** Header lines shared by every format: patient, birthdate, doctor, clinic, visit date. */
export function headerLines(
  ctx: RenderContext,
  locale: Locale = localeFor(ctx.language),
): { label: string; value: string }[] {
  const s = locale.strings;
  return [
    { label: s.patient, value: cleanText(ctx.patient?.name ?? s.notGiven) },
    { label: s.birthdate, value: ctx.patient?.birthdate ?? s.notGiven },
    { label: s.doctor, value: cleanText(ctx.doctorName) },
    { label: s.clinic, value: cleanText(ctx.clinicName) },
    { label: s.visitDate, value: ctx.visitDate ?? s.notGiven },
  ];
}

/** Splits text into lines on CRLF, CR or LF. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n?|\n/);
}
