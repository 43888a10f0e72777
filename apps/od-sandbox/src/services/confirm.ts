import { type OfficeClock, officeNow } from "../clock.ts";
import type { OdStore } from "../store/store.ts";
import type { RowOf } from "../store/tables.ts";
import { keyPref } from "./prefs.ts";

/** The three waiting-room trigger preferences [S9][S22]; each holds a DefNum, 0 for no trigger. */
export const TRIGGER_PREFS = {
  arrived: "AppointmentTimeArrivedTrigger",
  seated: "AppointmentTimeSeatedTrigger",
  dismissed: "AppointmentTimeDismissedTrigger",
} as const;

/** The DefNum a trigger preference holds (0 when unset or not a number). */
export function triggerDefNum(store: OdStore, prefName: string): Promise<number> {
  return keyPref(store, prefName);
}

/**
 * Sets an appointment's `Confirmed` and, when the new value is one of the trigger definitions,
 * stamps `DateTimeArrived`, `DateTimeSeated` or `DateTimeDismissed` with the office's current time,
 * as Open Dental's `Appointments.SetConfirmed` does [S31]. A stamp is written whenever its trigger
 * is chosen, overwriting an earlier one.
 */
export async function setConfirmed(
  store: OdStore,
  clock: OfficeClock,
  apt: RowOf<"appointment">,
  defNum: number,
): Promise<RowOf<"appointment">> {
  const now = officeNow(clock);
  const changes: Partial<RowOf<"appointment">> = { Confirmed: defNum };
  // SetConfirmed checks arrived, then seated, then dismissed, and stamps only the first match
  // (an if / else-if chain [S31]), even when an office points two triggers at one definition.
  if (defNum === (await triggerDefNum(store, TRIGGER_PREFS.arrived))) changes.DateTimeArrived = now;
  else if (defNum === (await triggerDefNum(store, TRIGGER_PREFS.seated))) changes.DateTimeSeated = now;
  else if (defNum === (await triggerDefNum(store, TRIGGER_PREFS.dismissed))) changes.DateTimeDismissed = now;
  const updated = await store.update("appointment", apt.AptNum, changes);
  if (!updated) throw new Error("appointment vanished while confirming");
  return updated;
}
