import { headerLines, linesOf, type RenderContext, sectionsOf } from "./context.ts";
import { isolate, type Locale, localeFor } from "./locale.ts";

/**
 * Escapes text for an RTF body: `\`, `{` and `}` get a backslash, tabs become `\tab`, and every
 * character outside printable ASCII becomes `\uN?` with N the signed 16-bit UTF-16 unit, as RTF
 * requires (characters beyond the BMP are written as their two surrogates, which Word and
 * LibreOffice join back). `?` is the fallback for readers without Unicode (`\uc1`). Line breaks are
 * the caller's business: renderers give each line its own paragraph.
 */
export function escapeRtf(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const ch = text.charAt(i);
    if (ch === "\\" || ch === "{" || ch === "}") out += `\\${ch}`;
    else if (ch === "\t") out += "\\tab ";
    else if (unit >= 0x20 && unit < 0x7f) out += ch;
    else if (unit < 0x20) continue;
    else out += `\\u${unit > 0x7fff ? unit - 0x10000 : unit}?`;
  }
  return out;
}

// Windows language ids (LCIDs) for `\lang`: Word uses them for spelling and hyphenation.
const LCID: Readonly<Record<string, number>> = {
  en: 1033,
  "en-GB": 2057,
  fr: 1036,
  "fr-CA": 3084,
  de: 1031,
  ar: 1025,
  es: 3082,
  it: 1040,
  pt: 2070,
  "pt-BR": 1046,
  nl: 1043,
  he: 1037,
  fa: 1065,
  ur: 1056,
  tr: 1055,
  pl: 1045,
  ro: 1048,
};

/** The paragraph opening for the locale: `\rtlpar\qr` for right-to-left languages. */
function paragraphStart(locale: Locale, spacing: string): string {
  return `\\pard${spacing}${locale.direction === "rtl" ? "\\rtlpar\\qr" : "\\ltrpar\\ql"} `;
}

/**
 * A valid RTF 1.9 document that Word, WordPad and LibreOffice open alike: document title in the
 * info group, the report's language (`\deflang`, `\lang`) and direction (`\rtldoc`, `\rtlpar`),
 * a bold header block, and each section as a heading followed by one paragraph per line.
 */
export function renderRtf(ctx: RenderContext): string {
  const locale = localeFor(ctx.language);
  const lcid = LCID[locale.tag] ?? LCID[locale.language];
  const lang = lcid === undefined ? "" : `\\lang${lcid}\\alang${lcid}`;
  const rtl = locale.direction === "rtl";
  const body = (text: string) =>
    linesOf(text)
      .map((line) => `${paragraphStart(locale, "\\sa60")}${escapeRtf(line)}\\par\n`)
      .join("");
  const header = headerLines(ctx, locale)
    .map(
      (l) =>
        `${paragraphStart(locale, "\\sa40")}{\\b\\ab ${escapeRtf(l.label)}:} ${escapeRtf(isolate(l.value, locale))}\\par\n`,
    )
    .join("");
  const sections = sectionsOf(ctx, locale)
    .map(
      (s) =>
        `${paragraphStart(locale, "\\sb240\\sa120\\keepn")}{\\b\\ab\\fs26\\afs26 ${escapeRtf(s.title)}}\\par\n${body(s.text)}`,
    )
    .join("");
  const title = escapeRtf(locale.strings.documentTitle);
  return (
    `{\\rtf1\\ansi\\ansicpg1252\\deff0${lcid === undefined ? "" : `\\deflang${lcid}`}\\uc1\n` +
    "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}\n" +
    `{\\*\\generator Sofia Bridge;}{\\info{\\title ${title}}{\\author Sofia Bridge}}\n` +
    `${rtl ? "\\rtldoc" : "\\ltrdoc"}\\f0\\af0\\fs22\\afs22${lang}${rtl ? "\\rtlch" : "\\ltrch"}\n` +
    `${paragraphStart(locale, "\\sa200\\keepn")}{\\b\\ab\\fs32\\afs32 ${title}}\\par\n${header}${sections}}`
  );
}
