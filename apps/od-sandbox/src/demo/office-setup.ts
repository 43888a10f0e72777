import { DefCategory } from "../defcat.ts";
import { TRIGGER_PREFS } from "../services/confirm.ts";
import type { OdStore } from "../store/store.ts";
import { DEFAULT_OD_VERSION, VERSION_PREF } from "../version.ts";

/**
 * The confirmation definitions of Open Dental's demo database (ItemName/ItemValue, in order)
 * [S31: UnitTests/Resources/dump.txt]. DefNums are whatever the database assigns: clients must
 * read them through `GET /definitions?Category=2`, as they must in a real office [S9].
 */
const CONFIRMED = [
  ["Not Called", "NotCalled"],
  ["Unconfirmed", ""],
  ["Appointment Confirmed", "Confirmed"],
  ["Left Msg", ""],
  ["Arrived", ""],
  ["Ready to go back", "Ready"],
  ["In Treatment Room", "In Room"],
  ["Front Desk", "FrontDesk"],
  ["E-mailed", ""],
] as const;

// Synthetic lists in Open Dental's shape; the names are typical, not copied from a real office.
const COMMLOG_TYPES = ["Appt Related", "Financial", "Insurance", "Misc", "Recall"];
const IMAGE_CATS = [
  ["Patient Info", "XP"],
  ["Radiographs", "XM"],
  ["Photos", "MP"],
  ["Clinical Notes", "X"],
] as const;
const BILLING_TYPES = ["Standard Account", "Insurance Only", "Finance Charge"];
const PROC_CATS = ["Exams & Xrays", "Cleanings", "Restorative", "Crown & Bridge", "Notes"];

/**
 * Definitions, trigger preferences and procedure codes: Zclin and N4117 (the pre-configured
 * clinical-note and procedure-note codes [S21]) and a few CDT D-codes.
 */
export async function seedOfficeSetup(store: OdStore): Promise<{ defNum: (name: string) => number }> {
  const defs = new Map<string, number>();
  const add = async (category: number, names: readonly (readonly [string, string])[]) => {
    for (const [index, [ItemName, ItemValue]] of names.entries()) {
      const row = await store.insert("definition", { Category: category, ItemOrder: index, ItemName, ItemValue });
      defs.set(ItemName, row.DefNum);
    }
  };
  await add(DefCategory.ApptConfirmed, CONFIRMED);
  await add(
    DefCategory.CommLogTypes,
    COMMLOG_TYPES.map((n) => [n, ""] as const),
  );
  await add(DefCategory.ImageCats, IMAGE_CATS);
  await add(
    DefCategory.BillingTypes,
    BILLING_TYPES.map((n) => [n, ""] as const),
  );
  await add(
    DefCategory.ProcCodeCats,
    PROC_CATS.map((n) => [n, ""] as const),
  );
  const defNum = (name: string) => defs.get(name) ?? 0;

  await store.insert("preference", { PrefName: VERSION_PREF, ValueString: DEFAULT_OD_VERSION });
  await store.insert("preference", {
    PrefName: "PracticeDefaultBillType",
    ValueString: String(defNum("Standard Account")),
  });
  // The manual's defaults: Arrived, In Treatment Room, Front Desk [S22].
  for (const [PrefName, def] of [
    [TRIGGER_PREFS.arrived, "Arrived"],
    [TRIGGER_PREFS.seated, "In Treatment Room"],
    [TRIGGER_PREFS.dismissed, "Front Desk"],
  ] as const) {
    await store.insert("preference", { PrefName, ValueString: String(defNum(def)) });
  }

  const codes = [
    ["Zclin", "Clinical Note", "ClinNote", 3, "Notes"],
    ["N4117", "Procedure Note", "ProcNote", 3, "Notes"],
    ["D0120", "periodic oral evaluation - established patient", "PerEx", 3, "Exams & Xrays"],
    ["D0150", "comprehensive oral evaluation - new or established patient", "CompEx", 3, "Exams & Xrays"],
    ["D0274", "bitewings - four radiographic images", "4BW", 3, "Exams & Xrays"],
    ["D1110", "prophylaxis - adult", "Pro", 3, "Cleanings"],
    ["D2391", "resin-based composite - one surface, posterior", "C1(P)", 1, "Restorative"],
    ["D2740", "crown - porcelain/ceramic", "PFC", 2, "Crown & Bridge"],
  ] as const;
  for (const [ProcCode, Descript, AbbrDesc, TreatArea, category] of codes) {
    await store.insert("procedurecode", {
      ProcCode,
      Descript,
      AbbrDesc,
      TreatArea,
      ProcCat: defNum(category),
      ProcTime: "/X/",
      IsHygiene: ProcCode === "D1110" ? 1 : 0,
      IsProsth: ProcCode === "D2740" ? 1 : 0,
    });
  }
  return { defNum };
}
