import type { OdStore } from "../store/store.ts";

/**
 * The small tables the API's text twins come from (`provAbbr`, `confirmed`, `commType`, …),
 * read once per request. An office has tens of providers and a few hundred definitions.
 */
export interface Lookups {
  provAbbr(provNum: number): string;
  defName(defNum: number): string;
}

/** Reads providers and definitions into maps. */
export async function loadLookups(store: OdStore): Promise<Lookups> {
  const [providers, definitions] = await Promise.all([store.select("provider"), store.select("definition")]);
  const abbr = new Map(providers.map((p) => [p.ProvNum, p.Abbr]));
  const names = new Map(definitions.map((d) => [d.DefNum, d.ItemName]));
  return {
    provAbbr: (provNum) => abbr.get(provNum) ?? "",
    defName: (defNum) => names.get(defNum) ?? "",
  };
}
