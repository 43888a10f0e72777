import { API_MODES, resolveEndpoints } from "@sofia/opendental";
import { ExternalId } from "@sofia/protocol";
import { z } from "zod";

/**
 * Where the agent learns who is in the chair, in the order a clinic prefers them:
 * - `ui-event`: Open Dental's PatientSelected UI event, from OpenDental.exe on a mapped workstation;
 * - `program-link`: `sofia-agent select-patient <PatNum>`, run by an Open Dental Program Link button;
 * - `appointment`: today's appointment seated (and not dismissed) in the doctor's operatories.
 */
export const PATIENT_SOURCES = ["ui-event", "program-link", "appointment"] as const;
export const PatientSource = z.enum(PATIENT_SOURCES);
export type PatientSource = z.infer<typeof PatientSource>;

const Num = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A Windows machine name as Open Dental's Computers GET lists it (compared case-insensitively). */
export const WorkstationName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "a workstation is a machine name: letters, digits, '.', '_', '-'");

/** What `sofia-agent opendental map` records for one doctor. */
export const DoctorMapping = z.strictObject({
  /** The doctor's Open Dental provider (ProvNum): procedures are written with it. */
  provider: Num,
  /** The doctor's operatories (OperatoryNum): where a seated appointment counts. Empty: every operatory. */
  operatories: z.array(Num).max(50).default([]),
  /** The doctor's workstations (machine names): where a selected patient counts. */
  workstations: z.array(WorkstationName).max(50).default([]),
});
export type DoctorMapping = z.infer<typeof DoctorMapping>;

/** One way to reach the office, as `opendental connect --url` recorded it. */
export const OdEndpointSetting = z.strictObject({ mode: z.enum(API_MODES), url: z.string().max(2048) });

/**
 * The `opendental` section of `agent.json`. The keys are not here: they are kept protected next to
 * the device credential. The property names are the settings' names (`config set
 * opendental.note-code N4117`), so the file, the CLI and the docs use one spelling.
 */
export const OpenDentalSettings = z
  .strictObject({
    /** The office's API endpoints, preferred first; empty until `opendental connect`. */
    endpoints: z.array(OdEndpointSetting).max(3).default([]),
    "patient-sources": z
      .array(PatientSource)
      .min(1)
      .max(PATIENT_SOURCES.length)
      .refine((list) => new Set(list).size === list.length, "a source is listed once")
      .default([...PATIENT_SOURCES]),
    /** The clinical-note procedure code the note hangs on. */
    "note-code": z.string().trim().min(1).max(15).default("Zclin"),
    /** Sign the note through the API: in the API developer's name, never the dentist's. */
    signed: z.boolean().default(false),
    /** Also upload the report as a Word document into the patient's Images. */
    "attach-docx": z.boolean().default(false),
    /** `procnote` (a clinical-note procedure with the report as its note) or `commlog`. */
    "write-as": z.enum(["procnote", "commlog"]).default("procnote"),
    /** Minutes after which a selected patient no longer counts as in the chair. */
    "selection-max-age": z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(240),
    /** Reports without patient identifiers: `confirm` (a person confirms the chair's patient) or `auto`. */
    "chair-binding": z.enum(["confirm", "auto"]).default("confirm"),
    /** With `chair-binding auto`: minutes the one patient must have been in the chair before the report. */
    "chair-binding-window": z.number().int().min(1).max(240).default(15),
    /** `when-uncertain` (default) or `always`: hold every report for a person. */
    review: z.enum(["when-uncertain", "always"]).default("when-uncertain"),
    /** Port of the agent's endpoint for PatientSelected events and the Program Link. */
    "events-port": z.number().int().min(1).max(65_535).default(17_381),
    /** Address workstations use to reach that endpoint; default this PC's name (localhost for itself). */
    "events-host": z.string().trim().min(1).max(253).nullable().default(null),
    /** Doctor id (as the hub knows it) → the doctor's provider, operatories and workstations. */
    doctors: z
      .record(ExternalId, DoctorMapping)
      .refine((d) => Object.keys(d).length <= 50, "at most 50 doctors")
      .default({}),
  })
  .superRefine((settings, ctx) => {
    if (settings.endpoints.length === 0) return;
    try {
      resolveEndpoints(settings.endpoints);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["endpoints"],
        message: error instanceof Error ? error.message : "invalid",
      });
    }
  });
export type OpenDentalSettings = z.infer<typeof OpenDentalSettings>;

/** The defaults: not connected, every source, Zclin, unsigned, confirm, review when uncertain. */
export const DEFAULT_OD_SETTINGS: OpenDentalSettings = OpenDentalSettings.parse({});

/** The settings of `config` (whose `opendental` section is absent until something is set). */
export function odSettings(config: { opendental?: OpenDentalSettings | undefined }): OpenDentalSettings {
  return config.opendental ?? DEFAULT_OD_SETTINGS;
}
