import { headerLines, type RenderContext, sectionsOf } from "./context.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and attribute values. Report text is untrusted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A self-contained HTML fragment: patient header, then one section per report field. */
export function renderHtml(ctx: RenderContext): string {
  const header = headerLines(ctx)
    .map((l) => `<tr><th scope="row">${escapeHtml(l.label)}</th><td>${escapeHtml(l.value)}</td></tr>`)
    .join("");
  const sections = sectionsOf(ctx.report)
    .map(
      (s) =>
        `<section data-section="${s.key}"><h2>${escapeHtml(s.title)}</h2>` +
        `<p style="white-space:pre-wrap">${escapeHtml(s.text)}</p></section>`,
    )
    .join("");
  return `<article class="sofia-report"><table class="sofia-report-header">${header}</table>${sections}</article>`;
}
