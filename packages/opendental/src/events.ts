import { parseJsonLimited } from "./json.ts";
import { OdSelectedPatient } from "./schemas/patient.ts";

/** Largest PatientSelected body accepted: a patient record is about 1.5 KB. */
export const MAX_EVENT_BODY_BYTES = 64 * 1024;

/** A PatientSelected UI event as received on the subscriber's endpoint. */
export interface ReceivedEvent {
  /** Request headers, by lower-case name (`authorization`, `workstation`, `event-type`). */
  headers: { get(name: string): string | null };
  /** The request body as text. */
  body: string;
}

/** The outcome of checking one event. */
export type PatientSelectedEvent =
  | {
      ok: true;
      /** The machine that fired it (header since 22.4.28); null on older offices. */
      workstation: string | null;
      patient: OdSelectedPatient;
    }
  | {
      ok: false;
      /** `unauthorized`: not from this office's key; `other_event`: not PatientSelected; `invalid`: unreadable body. */
      reason: "unauthorized" | "other_event" | "invalid";
    };

/**
 * Checks and parses a `PatientSelected` UI event (apievents.html). OpenDental.exe posts the
 * selected patient to the subscription's endpoint with `Authorization: {CustomerKey}` (the key
 * alone, no scheme), `Workstation: {machine}` and `Event-Type: UiEventType: PatientSelected`. An
 * event whose Authorization is not the customer key is refused: anyone on the machine can post to
 * a localhost endpoint. Older offices send no Event-Type (before 22.4.35) or Workstation.
 */
export function parsePatientSelectedEvent(event: ReceivedEvent, customerKey: string): PatientSelectedEvent {
  if (!sameSecret(event.headers.get("authorization") ?? "", customerKey)) return { ok: false, reason: "unauthorized" };
  const type = event.headers.get("event-type");
  if (type !== null && !/^(UiEventType:\s*)?PatientSelected$/i.test(type.trim())) {
    return { ok: false, reason: "other_event" };
  }
  if (new TextEncoder().encode(event.body).length > MAX_EVENT_BODY_BYTES) return { ok: false, reason: "invalid" };
  let raw: unknown;
  try {
    raw = parseJsonLimited(event.body, 4);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const patient = OdSelectedPatient.safeParse(raw);
  if (!patient.success) return { ok: false, reason: "invalid" };
  const workstation = event.headers.get("workstation")?.trim() || null;
  return { ok: true, workstation, patient: patient.data };
}

/** Compares a presented key with the expected one in time independent of where they differ. */
function sameSecret(presented: string, expected: string): boolean {
  const a = new TextEncoder().encode(presented.trim());
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] ?? 0);
  return diff === 0 && b.length > 0;
}
