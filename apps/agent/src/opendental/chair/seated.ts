import type { ConfirmationSetup, OdAppointment } from "@sofia/opendental";
import type { OfficeTime } from "../office-time.ts";
import type { Presence } from "./presence.ts";

/** Appointment statuses a patient can be in the chair for (not broken, planned or a note). */
const IN_CHAIR_STATUSES = new Set(["Scheduled", "Complete"]);

/**
 * The presence an appointment gives, judged as Open Dental itself does: "seated" is the office's
 * own confirmation status named by its AppointmentTimeSeatedTrigger preference (which stamps
 * DateTimeSeated), "dismissed" the one named by AppointmentTimeDismissedTrigger (which stamps
 * DateTimeDismissed) — never hard-coded DefNums. Null when the patient was never seated.
 */
export function seatedPresence(apt: OdAppointment, setup: ConfirmationSetup, time: OfficeTime): Presence | null {
  if (!IN_CHAIR_STATUSES.has(apt.AptStatus) || apt.PatNum <= 0) return null;
  const seatedAt = time.instant(apt.DateTimeSeated);
  const dismissedAt = time.instant(apt.DateTimeDismissed);
  const seatedByStatus = setup.seated !== 0 && apt.Confirmed === setup.seated;
  const dismissedByStatus = setup.dismissed !== 0 && apt.Confirmed === setup.dismissed;
  if (seatedAt === null && !seatedByStatus) return null;
  const dismissed = dismissedAt !== null || dismissedByStatus;
  return {
    source: "appointment",
    place: `op:${apt.Op}`,
    patNum: apt.PatNum,
    sinceMs: seatedAt,
    current: !dismissed,
    untilMs: dismissed ? dismissedAt : null,
  };
}

/** Whether an appointment is for `provNum`, as the dentist or the hygienist (Appointments GET cannot filter on it). */
export function isForProvider(apt: OdAppointment, provNum: number): boolean {
  return apt.ProvNum === provNum || apt.ProvHyg === provNum;
}
