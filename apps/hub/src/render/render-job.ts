import type { RenderContext } from "./context.ts";
import { renderDocx } from "./docx.ts";
import { renderHtml } from "./html.ts";
import { renderPlaintext } from "./plaintext.ts";
import { renderRtf } from "./rtf.ts";

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

/** A job for the render worker. */
export type RenderRequest =
  | { id: number; kind: "inline"; ctx: RenderContext }
  | { id: number; kind: "docx"; ctx: RenderContext };

/** The worker's answer to a job; `cpuMs` is the CPU time the job took on the worker's thread. */
export type RenderResponse = (
  | { id: number; ok: true; inline: InlineRenderings }
  | { id: number; ok: true; docx: Uint8Array<ArrayBuffer> }
  | { id: number; ok: false; error: string }
) & { cpuMs?: number };

/** What a worker posts once, when its modules are loaded and it can take jobs. */
export const WORKER_READY = "ready";

/** Runs one job; used by the worker, and directly where no budget applies. */
export async function runRenderJob(request: RenderRequest): Promise<RenderResponse> {
  try {
    if (request.kind === "inline") return { id: request.id, ok: true, inline: renderInline(request.ctx) };
    return { id: request.id, ok: true, docx: await renderDocx(request.ctx) };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
