import { z } from "zod";
import { OdBool, OdDateTime, OdKey, OdName, OdText } from "../wire.ts";

/**
 * An appointment (apiappointments.html). `Confirmed` is a DefNum of Category 2 (ApptConfirmed),
 * `confirmed` its name; the three waiting-room times are null until set. "Seated" is the office's
 * own notion: the definition named by the preference AppointmentTimeSeatedTrigger.
 */
export const OdAppointment = z.object({
  AptNum: OdKey.pipe(z.number().positive()),
  PatNum: OdKey,
  /** "Scheduled", "Complete", "UnschedList", "ASAP", "Broken", "Planned", "PtNote", "PtNoteCompleted". */
  AptStatus: OdName,
  Pattern: OdName,
  Confirmed: OdKey,
  confirmed: OdName,
  Op: OdKey,
  ProvNum: OdKey,
  provAbbr: OdName,
  ProvHyg: OdKey,
  AptDateTime: OdDateTime,
  ClinicNum: OdKey,
  IsHygiene: OdBool,
  Note: OdText.max(65_535),
  DateTStamp: OdDateTime,
  DateTimeArrived: OdDateTime,
  DateTimeSeated: OdDateTime,
  DateTimeDismissed: OdDateTime,
  /** The office's clock when it answered (since 21.2). */
  serverDateTime: OdDateTime.optional(),
});
export type OdAppointment = z.output<typeof OdAppointment>;
