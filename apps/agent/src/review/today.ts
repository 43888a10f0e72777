import type { OdAppointment } from "@sofia/opendental";
import type { Office } from "../opendental/office.ts";
import type { OfficeTime } from "../opendental/office-time.ts";
import type { CandidateAppointment } from "./candidate.ts";

/** Appointment statuses a patient can be in a chair for today. */
const TODAY_STATUSES = new Set(["Scheduled", "Complete", "ASAP"]);

/** The office's day as the review page shows it: its date, its appointments, its operatories' names. */
export interface OfficeDay {
  time: OfficeTime;
  /** yyyy-MM-dd, the office's calendar. */
  today: string;
  appointments: OdAppointment[];
  operatoryName(op: number): string;
  /** The patient's appointment today (the doctor's operatories first), in office time. */
  appointmentOf(patNum: number, operatories: readonly number[]): CandidateAppointment | null;
}

/** Reads the office's clock, today's appointments and the operatories (three requests). */
export async function readOfficeDay(office: Office, nowMs: number): Promise<OfficeDay> {
  const time = await office.time();
  const today = time.date(nowMs);
  const appointments = (await office.track(office.client.appointments.list({ date: today }))).filter((a) =>
    TODAY_STATUSES.has(a.AptStatus),
  );
  const names = new Map((await office.track(office.client.setup.operatories())).map((o) => [o.OperatoryNum, o.Abbrev]));
  const operatoryName = (op: number) => names.get(op) || `#${op}`;
  return {
    time,
    today,
    appointments,
    operatoryName,
    appointmentOf(patNum, operatories) {
      const mine = appointments.filter((a) => a.PatNum === patNum);
      const apt = mine.find((a) => operatories.includes(a.Op)) ?? mine[0];
      if (!apt) return null;
      const seated = time.instant(apt.DateTimeSeated);
      return {
        time: (apt.AptDateTime ?? "").slice(11, 16),
        operatory: operatoryName(apt.Op),
        seated: seated === null ? null : time.wallText(seated).slice(11, 16),
      };
    },
  };
}
