import { type LocaleStrings, STRINGS } from "./strings.ts";

export type { LocaleStrings } from "./strings.ts";

/** Text direction of a language's script. */
export type Direction = "ltr" | "rtl";

/** A report language resolved for rendering. */
export interface Locale {
  /** The report's BCP 47 tag as given (canonical), written into the documents' language fields. */
  tag: string;
  /** The primary language subtag (`fr` for `fr-CA`), which chooses the strings. */
  language: string;
  direction: Direction;
  strings: LocaleStrings;
}

/** Languages with their own strings; others render with English strings in their own direction. */
export const LOCALIZED_LANGUAGES = Object.keys(STRINGS);

// Languages written right to left among those Sofia may produce.
const RTL_LANGUAGES = new Set(["ar", "he", "fa", "ur", "ps", "yi", "ckb", "dv", "sd", "ug"]);

/** Resolves a report's language tag for rendering. Unknown tags fall back to English strings. */
export function localeFor(tag: string): Locale {
  const language = tag.split("-")[0]?.toLowerCase() ?? "en";
  // A script subtag wins over the language's usual script (e.g. `az-Arab` is right to left).
  const script = tag
    .split("-")
    .find((part) => part.length === 4)
    ?.toLowerCase();
  const rtl = script ? ["arab", "hebr", "thaa", "syrc", "nkoo"].includes(script) : RTL_LANGUAGES.has(language);
  const strings = STRINGS[language] ?? STRINGS.en;
  if (!strings) throw new Error("English strings are missing");
  return { tag, language, direction: rtl ? "rtl" : "ltr", strings };
}

/**
 * Wraps a header value in Unicode's first-strong isolate (FSI ... PDI) in right-to-left documents,
 * so a date or a Latin name keeps its own order beside an Arabic label (without it, 1990-01-15
 * shows as 15-01-1990). Left-to-right documents get the value unchanged. HTML uses `<bdi>` instead.
 */
export function isolate(value: string, locale: Locale): string {
  return locale.direction === "rtl" ? `\u2068${value}\u2069` : value;
}
