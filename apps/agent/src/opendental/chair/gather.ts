import type { Office } from "../office.ts";
import type { OfficeTime } from "../office-time.ts";
import type { DoctorMapping, PatientSource } from "../settings.ts";
import type { Selections } from "../state/selections.ts";
import type { Presence } from "./presence.ts";
import { isForProvider, seatedPresence } from "./seated.ts";

/** What gathering the chair's patients needs. */
export interface GatherInput {
  office: Office;
  time: OfficeTime;
  selections: Selections;
  mapping: DoctorMapping;
  /** The enabled sources; the others are never consulted. */
  sources: readonly PatientSource[];
  nowMs: number;
  /** How far back selections are wanted (the chair-binding window, or the selection age limit). */
  fromMs: number;
}

/**
 * Who is (and lately was) at the doctor's places, from every enabled source: the patients selected
 * on the doctor's workstations (UI events, Program Link), and today's appointments for the
 * doctor's provider seated in the doctor's operatories (all operatories when none are mapped).
 * Every source is consulted, so two sources that disagree are seen, never hidden by the first.
 */
export async function gatherPresences(input: GatherInput): Promise<Presence[]> {
  const out: Presence[] = [];
  for (const source of input.sources) {
    if (source === "appointment") out.push(...(await seatedToday(input)));
    else {
      for (const s of input.selections.since(input.mapping.workstations, input.fromMs)) {
        if (s.source !== source) continue;
        const current = s.untilMs === null;
        out.push({
          source,
          place: `ws:${s.workstation}`,
          patNum: s.patNum,
          sinceMs: s.sinceMs,
          current,
          untilMs: s.untilMs,
        });
      }
    }
  }
  return out;
}

async function seatedToday(input: GatherInput): Promise<Presence[]> {
  const { office, time, mapping } = input;
  const setup = await office.confirmationSetup();
  const today = await office.track(office.client.appointments.list({ date: time.date(input.nowMs) }));
  const ops = new Set(mapping.operatories);
  return today
    .filter((apt) => (ops.size === 0 || ops.has(apt.Op)) && isForProvider(apt, mapping.provider))
    .map((apt) => seatedPresence(apt, setup, time))
    .filter((p): p is Presence => p !== null);
}
