/**
 * Characters no rendering may carry: C0 controls other than tab, LF and CR, DEL, C1 controls, and
 * the noncharacters U+FFFE and U+FFFF. XML 1.0 forbids most of them (Word refuses a DOCX that
 * contains one), HTML calls them parse errors, and none has a meaning in a clinical note.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

// A surrogate without its partner cannot be encoded as UTF-8; it would silently become U+FFFD in
// some formats and break others, so every format gets U+FFFD explicitly.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Report text made safe for every format: forbidden characters removed, lone surrogates replaced. */
export function cleanText(text: string): string {
  return text.replace(FORBIDDEN, "").replace(LONE_SURROGATE, "\uFFFD");
}
