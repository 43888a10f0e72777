import type { ConfirmationSetup, OdAppointment } from "@sofia/opendental";
import { isForProvider, seatedPresence } from "../chair/seated.ts";
import type { Office } from "../office.ts";
import type { OfficeTime } from "../office-time.ts";

/**
 * The appointment today's note belongs to: the patient's appointment today with the doctor's
 * provider — the one seated now if any, else one seated earlier today, else the latest that has
 * started, else the first. Null when the patient has none today (the note is then written on the
 * day without an appointment).
 */
export async function todaysAppointment(
  office: Office,
  time: OfficeTime,
  patNum: number,
  provNum: number,
  nowMs: number,
): Promise<OdAppointment | null> {
  const today = time.date(nowMs);
  const list = await office.track(office.client.appointments.list({ date: today, PatNum: patNum }));
  const mine = list.filter(
    (a) => isForProvider(a, provNum) && (a.AptStatus === "Scheduled" || a.AptStatus === "Complete"),
  );
  if (mine.length === 0) return null;
  const setup = await office.confirmationSetup();
  return pick(mine, setup, time, nowMs);
}

function pick(list: OdAppointment[], setup: ConfirmationSetup, time: OfficeTime, nowMs: number): OdAppointment | null {
  const seated = list.map((a) => ({ a, p: seatedPresence(a, setup, time) }));
  const now = seated.find((s) => s.p?.current)?.a;
  if (now) return now;
  const earlier = seated.find((s) => s.p !== null)?.a;
  if (earlier) return earlier;
  const started = list
    .filter((a) => (time.instant(a.AptDateTime) ?? Number.POSITIVE_INFINITY) <= nowMs)
    .sort((x, y) => (time.instant(y.AptDateTime) ?? 0) - (time.instant(x.AptDateTime) ?? 0));
  return started[0] ?? list[0] ?? null;
}
