/**
 * Open Dental enumerations, stored as integers in the database and sent as their text names by the
 * API [S3][S30]. Each list is indexed by the stored value, in the schema's order.
 */

/** `appointment.AptStatus` (ApptStatus). ASAP=4 is deprecated but still a value. */
export const AptStatus = [
  "None",
  "Scheduled",
  "Complete",
  "UnschedList",
  "ASAP",
  "Broken",
  "Planned",
  "PtNote",
  "PtNoteCompleted",
] as const;

/** `procedurelog.ProcStatus` (ProcStat); value 0 is unused, TP=1. */
export const ProcStat = ["", "TP", "C", "EC", "EO", "R", "D", "Cn", "TPi"] as const;

/** `patient.PatStatus` (PatientStatus). */
export const PatientStatus = [
  "Patient",
  "NonPatient",
  "Inactive",
  "Archived",
  "Deleted",
  "Deceased",
  "Prospective",
] as const;

/** `patient.Gender` (PatientGender). */
export const PatientGender = ["Male", "Female", "Unknown", "Other"] as const;

/** `patient.Position` (PatientPosition, marital status). */
export const PatientPosition = ["Single", "Married", "Child", "Widowed", "Divorced"] as const;

/** `patient.Prefer*Method` (ContactMethod). */
export const ContactMethod = [
  "None",
  "DoNotCall",
  "HmPhone",
  "WkPhone",
  "WirelessPh",
  "Email",
  "SeeNotes",
  "Mail",
  "TextMessage",
] as const;

/** `patient.TxtMsgOk` (YN). */
export const YN = ["Unknown", "Yes", "No"] as const;

/** `provider.ProvStatus` (ProviderStatus). */
export const ProviderStatus = ["Active", "Deleted"] as const;

/**
 * `commlog.Mode_` (CommItemMode), in the spelling Commlogs POST documents [S17]
 * (`In Person`, `Email and Text`, …); Fax=8 is in the schema but not in the API's list.
 */
export const CommItemMode = [
  "None",
  "Email",
  "Mail",
  "Phone",
  "In Person",
  "Text",
  "Email and Text",
  "Phone and Text",
  "Fax",
] as const;

/** `commlog.SentOrReceived` (CommSentOrReceived). */
export const CommSentOrReceived = ["Neither", "Sent", "Received"] as const;

/** `commlog.CommSource` (CommItemSource). */
export const CommItemSource = ["User", "WebSched", "ProgramLink", "ApptReminder", "EServices"] as const;

/** `document.ImgType` (ImageType). */
export const ImageType = ["Document", "Radiograph", "Photo", "File", "Attachment"] as const;

/** `procedurecode.TreatArea` (TreatmentArea). */
export const TreatmentArea = ["None", "Surf", "Tooth", "Mouth", "Quad", "Sextant", "Arch", "ToothRange"] as const;

/** `procedurelog.PlaceService` (PlaceOfService); the API sends the name, "Office" [S7]. */
export const PlaceOfService = [
  "Office",
  "PatientsHome",
  "InpatHospital",
  "OutpatHospital",
  "SkilledNursFac",
  "CustodialCareFacility",
  "OtherLocation",
  "MobileUnit",
  "School",
  "MilitaryTreatFac",
  "FederalHealthCenter",
  "PublicHealthClinic",
  "RuralHealthClinic",
  "EmergencyRoomHospital",
  "AmbulatorySurgicalCenter",
  "TelehealthOutsideHome",
  "TelehealthInHome",
  "OutreachSiteOrStreet",
] as const;

/** `procedurecode.PaintType` (ToothPaintingType). */
export const ToothPaintingType = [
  "None",
  "Extraction",
  "Implant",
  "RCT",
  "PostBU",
  "FillingDark",
  "FillingLight",
  "CrownDark",
  "CrownLight",
  "BridgeDark",
  "BridgeLight",
  "DentureDark",
  "DentureLight",
  "Sealant",
  "Veneer",
  "Text",
  "RetainedRoot",
  "SpaceMaintainer",
] as const;

/** `procedurecode.SubstOnlyIf` (SubstitutionCondition). */
export const SubstitutionCondition = ["Always", "Molar", "SecondMolar", "Never", "Posterior"] as const;

/** `appointment.Priority` (ApptPriority). */
export const ApptPriority = ["Normal", "ASAP"] as const;

/** The text of a stored enum value; out-of-range values come back as their number, never a crash. */
export function enumText(names: readonly string[], value: number): string {
  return names[value] ?? String(value);
}

/** The stored value of an enum's text name, or undefined when `text` is not one of them. */
export function enumValue(names: readonly string[], text: string): number | undefined {
  const index = names.indexOf(text);
  return index > 0 || (index === 0 && text !== "") ? index : undefined;
}
