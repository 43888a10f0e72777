import { headerLines, type RenderContext, sectionsOf } from "./context.ts";

/**
 * Escapes text for an RTF body: `\`, `{` and `}` get a backslash, line breaks become `\line`, and
 * every character outside printable ASCII becomes `\uN?` with N the signed 16-bit UTF-16 unit, as
 * RTF requires (characters beyond the BMP are written as their two surrogates).
 */
export function escapeRtf(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const ch = text.charAt(i);
    if (ch === "\\" || ch === "{" || ch === "}") out += `\\${ch}`;
    else if (ch === "\r") continue;
    else if (ch === "\n") out += "\\line ";
    else if (ch === "\t") out += "\\tab ";
    else if (unit >= 0x20 && unit < 0x7f) out += ch;
    else if (unit < 0x20) continue;
    else out += `\\u${unit > 0x7fff ? unit - 0x10000 : unit}?`;
  }
  return out;
}

/** An RTF document with a bold header block and one titled section per report field. */
export function renderRtf(ctx: RenderContext): string {
  const header = headerLines(ctx)
    .map((l) => `{\\b ${escapeRtf(l.label)}:} ${escapeRtf(l.value)}\\par\n`)
    .join("");
  const sections = sectionsOf(ctx.report)
    .map((s) => `\\pard\\sb240\\sa120{\\b\\fs28 ${escapeRtf(s.title)}}\\par\n\\pard ${escapeRtf(s.text)}\\par\n`)
    .join("");
  return `{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss Arial;}}\\f0\\fs22\n${header}${sections}}`;
}
