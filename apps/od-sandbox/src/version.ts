import type { OdStore } from "./store/store.ts";

/** An Open Dental version, major.minor.build.revision: "24.2.29.0". */
export type OdVersion = readonly [number, number, number, number];

/**
 * The version a sandbox reports when none is configured. Inferred: a recent 25.3 build, new enough
 * for every method and field the sandbox serves (the newest, GroupNote's ProvNum, is 25.3.36).
 */
export const DEFAULT_OD_VERSION = "25.3.41.0";

/**
 * The preference holding the office's program version (`PrefName.ProgramVersion` [S31]), which
 * Preferences GET returns like any other. Inferred: that it is how an API client learns the version.
 */
export const VERSION_PREF = "ProgramVersion";

/** Parses "24.2.29" or "24.2.29.0"; undefined for anything else. */
export function parseVersion(text: string): OdVersion | undefined {
  const match = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0), Number(match[4] ?? 0)];
}

/** True when `version` is `since` or later. */
export function versionAtLeast(version: OdVersion, since: OdVersion): boolean {
  for (let i = 0; i < 4; i++) {
    const a = version[i] ?? 0;
    const b = since[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** "24.2.29.0". */
export function formatVersion(version: OdVersion): string {
  return version.join(".");
}

/** The office's version: its ProgramVersion preference, else the default. */
export async function officeVersion(store: OdStore): Promise<OdVersion> {
  const [pref] = await store.select("preference", { where: [{ column: "PrefName", op: "=", value: VERSION_PREF }] });
  return parseVersion(pref?.ValueString ?? "") ?? (parseVersion(DEFAULT_OD_VERSION) as OdVersion);
}

/** Sets the office's version (the ProgramVersion preference), adding the preference if missing. */
export async function setOfficeVersion(store: OdStore, version: OdVersion): Promise<void> {
  const [pref] = await store.select("preference", { where: [{ column: "PrefName", op: "=", value: VERSION_PREF }] });
  const ValueString = formatVersion(version);
  if (pref) await store.update("preference", pref.PrefNum, { ValueString });
  else await store.insert("preference", { PrefName: VERSION_PREF, ValueString });
}
