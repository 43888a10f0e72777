import { headerLines, linesOf, type RenderContext, sectionsOf } from "./context.ts";
import { DEFAULT_PLAINTEXT_WIDTH } from "./layout.ts";
import { isolate, localeFor } from "./locale.ts";
import { visibleLength, wrapLine } from "./wrap.ts";

/**
 * Plain text for note boxes: the title, a header block, then each section under an underlined
 * heading, wrapped at the clinic's width (default 76 columns). Line endings are LF, or CRLF when
 * the clinic asks for it (Windows text boxes such as Open Dental's show a bare LF as nothing).
 */
export function renderPlaintext(ctx: RenderContext): string {
  const locale = localeFor(ctx.language);
  const width = ctx.layout.plaintextWidth ?? DEFAULT_PLAINTEXT_WIDTH;
  const wrap = (text: string) => linesOf(text).flatMap((line) => wrapLine(line, width));
  const underline = (title: string) => "-".repeat(Math.max(3, visibleLength(title)));
  const title = locale.strings.documentTitle.toLocaleUpperCase(locale.tag);
  const lines = [title, "=".repeat(Math.max(3, visibleLength(title)))];
  for (const l of headerLines(ctx, locale)) lines.push(...wrap(`${l.label}: ${isolate(l.value, locale)}`));
  for (const s of sectionsOf(ctx, locale)) {
    const heading = s.title.toLocaleUpperCase(locale.tag);
    lines.push("", heading, underline(heading), ...wrap(s.text));
  }
  return lines.join(ctx.layout.plaintextLineEnding === "crlf" ? "\r\n" : "\n");
}
