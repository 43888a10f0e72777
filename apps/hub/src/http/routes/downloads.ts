import type { Clock } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import { Hono } from "hono";
import type { LinkSigner } from "../../downloads/link-signer.ts";
import {
  type DocxCache,
  RenderBudgetExceeded,
  type RenderPool,
  RenderQueueFull,
  renderContextOf,
} from "../../render/index.ts";
import type { HubStore } from "../../store/store.ts";
import { ApiErrorCode, apiError } from "../errors.ts";

/**
 * `GET /v1/reports/:id/report.docx?exp=...&sig=...`: the signed link carried in `report_ready`.
 * Every refusal (malformed, tampered, expired, revoked, unknown report) is the same `403` so a
 * link reveals nothing about whether a report exists.
 */
export function downloadRoutes(deps: {
  store: HubStore;
  signer: LinkSigner;
  renderer: RenderPool;
  docxCache: DocxCache;
  clock: Clock;
  log: Logger;
}) {
  const app = new Hono();
  app.get("/:id/report.docx", async (c) => {
    const rejection = deps.signer.verify(c.req.path, c.req.query("exp"), c.req.query("sig"), deps.clock.now());
    const report = rejection ? null : await deps.store.reports.get(c.req.param("id"));
    const doctor = report ? await deps.store.directory.getDoctor(report.doctorId) : null;
    const clinic = doctor ? await deps.store.directory.getClinic(doctor.clinicId) : null;
    if (!report || !doctor || !clinic || report.linksRevokedAt !== null) {
      return apiError(c, 403, ApiErrorCode.FORBIDDEN, "this link is invalid or has expired");
    }
    // Only now, with the link and the report's revocation checked, may a cached document be used.
    let docx: Uint8Array<ArrayBuffer>;
    try {
      const ctx = renderContextOf(report, doctor, clinic);
      docx = await deps.docxCache.get(report.id, ctx, () => deps.renderer.docx(ctx));
    } catch (error) {
      if (error instanceof RenderQueueFull) {
        c.header("Retry-After", "1");
        return apiError(c, 503, ApiErrorCode.RENDER_BUSY, "too many documents are being rendered; retry shortly");
      }
      if (!(error instanceof RenderBudgetExceeded)) throw error;
      deps.log.warn("DOCX rendering exceeded its time budget", { report: report.id });
      return apiError(c, 503, ApiErrorCode.RENDER_BUDGET_EXCEEDED, "the document could not be rendered in time");
    }
    return c.body(docx, 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${report.id}.docx"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    });
  });
  return app;
}
