import { Hono } from "hono";
import type { Clock } from "../../clock.ts";
import type { LinkSigner } from "../../downloads/link-signer.ts";
import { renderContextOf } from "../../render/context.ts";
import { renderDocx } from "../../render/docx.ts";
import type { HubStore } from "../../store/store.ts";
import { ApiErrorCode, apiError } from "../errors.ts";

/**
 * `GET /v1/reports/:id/report.docx?exp=...&sig=...`: the signed link carried in `report_ready`.
 * Every refusal is the same `403` so a link reveals nothing about whether a report exists.
 */
export function downloadRoutes(deps: { store: HubStore; signer: LinkSigner; clock: Clock }) {
  const app = new Hono();
  app.get("/:id/report.docx", async (c) => {
    const rejection = deps.signer.verify(c.req.path, c.req.query("exp"), c.req.query("sig"), deps.clock.now());
    const report = rejection ? null : await deps.store.reports.get(c.req.param("id"));
    const doctor = report ? await deps.store.directory.getDoctor(report.doctorId) : null;
    const clinic = doctor ? await deps.store.directory.getClinic(doctor.clinicId) : null;
    if (!report || !doctor || !clinic) {
      return apiError(c, 403, ApiErrorCode.FORBIDDEN, "this link is invalid or has expired");
    }
    const docx = await renderDocx(renderContextOf(report, doctor, clinic));
    return c.body(docx, 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${report.id}.docx"`,
      "Cache-Control": "private, no-store",
    });
  });
  return app;
}
