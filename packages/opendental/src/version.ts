/** An Open Dental version, major.minor.build.revision ("24.2.29.0"). */
export type OdVersion = readonly [number, number, number, number];

/** Parses "24.2.29" or "24.2.29.0"; undefined for anything else. */
export function parseOdVersion(text: string): OdVersion | undefined {
  const match = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0), Number(match[4] ?? 0)];
}

/** True when `version` is `since` or later. */
export function isAtLeast(version: OdVersion, since: OdVersion): boolean {
  for (let i = 0; i < 4; i++) {
    const a = version[i] ?? 0;
    const b = since[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** "24.2.29.0". */
export function formatOdVersion(version: OdVersion): string {
  return version.join(".");
}

/**
 * The version-gated features a writer cares about, with the version Open Dental's pages say each
 * was added in. An office older than that answers 400, or may silently ignore a field it does not
 * know; the client therefore checks the office's version before using one.
 */
export const GATED_FEATURES = {
  /** ProcNotes GET, to read a note back (apiprocnotes.html). */
  procNotesGet: { since: "24.2.29", name: "ProcNotes GET" },
  /** ProcNotes POST `doAppendNote`: the server prepends the latest note. */
  appendNote: { since: "24.2.29", name: "doAppendNote" },
  /** ProcNotes POST `isSigned`: signs in the developer's name, not the dentist's. */
  signNote: { since: "24.2.29", name: "isSigned" },
  /** ProcedureLogs POST by `CodeNum` (before it, by `procCode` only) (apiprocedurelogs.html). */
  procedureCodeNum: { since: "25.2.21", name: "ProcedureLogs POST CodeNum" },
  /** ProcedureLogs GET filtered by `AptNum`. */
  proceduresByAppointment: { since: "22.3.32", name: "ProcedureLogs GET AptNum" },
  /** Appointments GET filtered by `Op`. */
  appointmentsByOperatory: { since: "23.2.27", name: "Appointments GET Op" },
  /** Computers GET: the office's workstations (apicomputers.html). */
  computers: { since: "23.1.30", name: "Computers GET" },
  /** Commlogs POST answers with the new commlog (before, with nothing) (apicommlogs.html). */
  commlogPostReturnsObject: { since: "23.3.7", name: "Commlogs POST response" },
} as const;

export type GatedFeature = keyof typeof GATED_FEATURES;
