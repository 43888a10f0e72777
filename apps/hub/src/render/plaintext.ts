import { headerLines, type RenderContext, sectionsOf } from "./context.ts";

/** Plain text: a header block, then each section under an underlined heading. LF line endings. */
export function renderPlaintext(ctx: RenderContext): string {
  const header = headerLines(ctx).map((l) => `${l.label}: ${l.value}`);
  const sections = sectionsOf(ctx.report).flatMap((s) => [
    "",
    s.title.toUpperCase(),
    "-".repeat(s.title.length),
    s.text.replace(/\r\n?/g, "\n"),
  ]);
  return [...header, ...sections].join("\n");
}
