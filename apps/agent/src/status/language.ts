/** The languages the status pages speak. Clinics using Sofia speak French, German, Arabic and English; more follow. */
export type Lang = "en" | "fr";

/**
 * The language of the browser: the first of `Accept-Language`'s ranges (by their q weights) that
 * the pages speak; English otherwise. Reads at most 500 characters of the header.
 */
export function pickLang(acceptLanguage: string | null): Lang {
  const ranges = (acceptLanguage ?? "")
    .slice(0, 500)
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { lang: tag.split("-")[0] ?? "", q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const first = ranges.find((r) => r.lang === "en" || r.lang === "fr");
  return first?.lang === "fr" ? "fr" : "en";
}
