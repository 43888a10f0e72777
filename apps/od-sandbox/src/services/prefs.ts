import type { OdStore } from "../store/store.ts";

/**
 * A preference holding a primary key (a DefNum, a ProvNum), read by its `PrefName` [S43]: the
 * number, or 0 when the preference is missing, empty or not a positive whole number — Open
 * Dental's "0 indicates no trigger" / no default [S9].
 */
export async function keyPref(store: OdStore, prefName: string): Promise<number> {
  const [pref] = await store.select("preference", { where: [{ column: "PrefName", op: "=", value: prefName }] });
  const value = Number(pref?.ValueString ?? "0");
  return Number.isInteger(value) && value > 0 ? value : 0;
}
