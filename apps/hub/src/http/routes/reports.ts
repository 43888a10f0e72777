import {
  MAX_HTTP_BODY_BYTES,
  PublishReportRequest,
  type PublishReportResponse,
  type ReportTimeline,
} from "@sofia/protocol";
import { Hono } from "hono";
import type { ReportPublisher } from "../../services/report-publisher.ts";
import type { HubStore } from "../../store/store.ts";
import { ApiErrorCode, apiError } from "../errors.ts";
import { readJsonBody } from "../json-body.ts";
import { type RequestAuthDeps, requireProducer } from "../producer-auth.ts";

/** `POST /v1/reports` and `GET /v1/reports/:id`. */
export function reportRoutes(deps: RequestAuthDeps & { publisher: ReportPublisher; store: HubStore }) {
  const app = new Hono();

  app.post("/", async (c) => {
    const auth = await requireProducer(c, deps, ["reports:publish"]);
    if (!auth.ok) return auth.response;
    // Authenticated first: a megabyte is read only for a valid token.
    const body = await readJsonBody(c, PublishReportRequest, {
      maxBytes: MAX_HTTP_BODY_BYTES,
      tooLargeUnder: ["report"],
    });
    if (!body.ok) return body.response;
    const outcome = await deps.publisher.publish(auth.credential, body.value);
    switch (outcome.kind) {
      case "unknown_doctor":
        return apiError(c, 404, ApiErrorCode.NOT_FOUND, `no doctor "${body.value.doctor_id}"`);
      case "render_budget_exceeded":
        return apiError(
          c,
          413,
          ApiErrorCode.RENDER_BUDGET_EXCEEDED,
          "the report could not be rendered within the hub's time budget; split it or shorten it",
        );
      case "idempotency_conflict":
        return apiError(
          c,
          409,
          ApiErrorCode.IDEMPOTENCY_CONFLICT,
          `idempotency_key was already used for report ${outcome.reportId} with a different body`,
        );
      case "created":
      case "replayed": {
        const response: PublishReportResponse = { id: outcome.report.id, status: outcome.report.status };
        c.header("Location", `/v1/reports/${outcome.report.id}`);
        if (outcome.kind === "replayed") c.header("Idempotent-Replayed", "true");
        return c.json(response, outcome.kind === "created" ? 202 : 200);
      }
    }
  });

  app.get("/:id", async (c) => {
    const auth = await requireProducer(c, deps, ["reports:read", "reports:publish"]);
    if (!auth.ok) return auth.response;
    const report = await deps.store.reports.get(c.req.param("id"));
    const visible = report && (auth.credential.clinicId === null || auth.credential.clinicId === report.clinicId);
    if (!report || !visible) return apiError(c, 404, ApiErrorCode.NOT_FOUND, "no such report");
    const events = await deps.store.reports.timeline(report.id);
    const timeline: ReportTimeline = {
      id: report.id,
      doctor_id: report.doctorId,
      clinic_id: report.clinicId,
      status: report.status,
      created_at: report.createdAt,
      language: report.language,
      visit_date: report.visitDate,
      events: events.map((e) => ({ at: e.at, type: e.type, detail: e.detail })),
    };
    return c.json(timeline);
  });

  return app;
}
