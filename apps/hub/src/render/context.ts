import { type Patient, REPORT_SECTIONS, type ReportContent, type ReportSection } from "@sofia/protocol";
import type { Clinic, Doctor, ReportRecord } from "../store/records.ts";

/** Everything a renderer needs: the report and who and when it is about. */
export interface RenderContext {
  report: ReportContent;
  patient: Patient | null;
  doctorName: string;
  clinicName: string;
  /** When the report was created, ISO 8601; renderings show its date. */
  createdAt: string;
}

/** The render context of a stored report. */
export function renderContextOf(report: ReportRecord, doctor: Doctor, clinic: Clinic): RenderContext {
  return {
    report: report.content,
    patient: report.patient,
    doctorName: doctor.name,
    clinicName: clinic.name,
    createdAt: report.createdAt,
  };
}

/** English section titles. Issue "report renderings" adds languages and clinic overrides. */
export const SECTION_TITLES: Readonly<Record<ReportSection, string>> = {
  history: "History",
  findings: "Findings",
  diagnosis: "Diagnosis",
  procedure: "Procedure",
  recommendation: "Recommendation",
};

/** The sections in display order with their titles and text. */
export function sectionsOf(report: ReportContent): { key: ReportSection; title: string; text: string }[] {
  return REPORT_SECTIONS.map((key) => ({ key, title: SECTION_TITLES[key], text: report[key] }));
}

/** Header lines shared by every format: patient, birthdate, doctor, clinic, date. */
export function headerLines(ctx: RenderContext): { label: string; value: string }[] {
  return [
    { label: "Patient", value: ctx.patient?.name ?? "(not given)" },
    { label: "Date of birth", value: ctx.patient?.birthdate ?? "(not given)" },
    { label: "Doctor", value: ctx.doctorName },
    { label: "Clinic", value: ctx.clinicName },
    { label: "Visit date", value: ctx.createdAt.slice(0, 10) },
  ];
}
