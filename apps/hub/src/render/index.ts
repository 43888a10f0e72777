import type { RenderContext } from "./context.ts";
import { renderHtml } from "./html.ts";
import { renderPlaintext } from "./plaintext.ts";
import { renderRtf } from "./rtf.ts";

export { type RenderContext, renderContextOf } from "./context.ts";

/** The three inline renderings `report_ready` carries. */
export interface InlineRenderings {
  html: string;
  rtf: string;
  plaintext: string;
}

/** Renders a report in every inline format. Pure. */
export function renderInline(ctx: RenderContext): InlineRenderings {
  return { html: renderHtml(ctx), rtf: renderRtf(ctx), plaintext: renderPlaintext(ctx) };
}
