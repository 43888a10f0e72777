import { en, type Strings } from "./en.ts";
import { fr } from "./fr.ts";

/** The console's languages: English, and French for browsers that prefer it. */
export type Lang = "en" | "fr";

/** The first of the browser's preferred languages the console speaks (English otherwise). */
export function pickLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "fr" || base === "en") return base;
  }
  return "en";
}

/** The language of this page, chosen once from `navigator.languages`. */
export const lang: Lang = pickLang(
  typeof navigator === "undefined" || !Array.isArray(navigator.languages) ? [] : navigator.languages,
);

/** The words of this page's language. */
export const t: Strings = lang === "fr" ? fr : en;

/** A key of the strings, for words chosen from data (`role_doctor`, `rx_ready`). */
export function tk(key: string): string {
  const words: Readonly<Record<string, string>> = t;
  return Object.hasOwn(words, key) ? (words[key] ?? key) : key;
}
