import { headerLines, linesOf, type RenderContext, sectionsOf } from "./context.ts";
import { localeFor } from "./locale.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and attribute values. Report text is untrusted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// Inline styles only: the fragment is pasted into other pages, e-mails and editors that drop
// <style> blocks, and it must look the same (and print) wherever it lands.
const STYLE = {
  article:
    "font-family: Arial, 'Segoe UI', 'Noto Sans', sans-serif; font-size: 11pt; line-height: 1.4; max-width: 48em;",
  title: "font-size: 16pt; margin: 0 0 0.5em;",
  table: "border-collapse: collapse; margin: 0 0 1em;",
  th: "text-align: start; padding: 0.1em 0; padding-inline-end: 1em; font-weight: bold; vertical-align: top;",
  td: "padding: 0.1em 0; vertical-align: top;",
  heading: "font-size: 12.5pt; margin: 1em 0 0.3em; break-after: avoid; page-break-after: avoid;",
  // pre-wrap keeps tabs and runs of spaces (aligned tooth lists); lines still break at <br>.
  text: "margin: 0; white-space: pre-wrap; overflow-wrap: anywhere;",
};

/** One section's text: lines joined with `<br>` so the report's own line breaks survive sanitizers. */
function paragraph(text: string): string {
  return linesOf(text).map(escapeHtml).join("<br>");
}

/**
 * A complete, printable, self-contained HTML fragment: title, patient header, then one
 * `<section data-section="...">` per report field. `lang` and `dir` come from the report's
 * language; header values sit in `<bdi>` so a Latin name in an Arabic report keeps its order.
 */
export function renderHtml(ctx: RenderContext): string {
  const locale = localeFor(ctx.language);
  const header = headerLines(ctx, locale)
    .map(
      (l) =>
        `<tr><th scope="row" style="${STYLE.th}">${escapeHtml(l.label)}</th>` +
        `<td style="${STYLE.td}"><bdi>${escapeHtml(l.value)}</bdi></td></tr>`,
    )
    .join("");
  const sections = sectionsOf(ctx, locale)
    .map(
      (s) =>
        `<section class="sofia-report-section" data-section="${s.key}">` +
        `<h2 style="${STYLE.heading}">${escapeHtml(s.title)}</h2>` +
        `<p style="${STYLE.text}">${paragraph(s.text)}</p></section>`,
    )
    .join("\n");
  return (
    `<article class="sofia-report" lang="${escapeHtml(locale.tag)}" dir="${locale.direction}" style="${STYLE.article}">\n` +
    `<h1 style="${STYLE.title}">${escapeHtml(locale.strings.documentTitle)}</h1>\n` +
    `<table class="sofia-report-header" style="${STYLE.table}"><tbody>${header}</tbody></table>\n` +
    `${sections}\n</article>`
  );
}
