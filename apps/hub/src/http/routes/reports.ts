import {
  DEFAULT_TIMELINE_PAGE,
  MAX_HTTP_BODY_BYTES,
  MAX_TIMELINE_PAGE,
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
      case "render_busy":
        c.header("Retry-After", "1");
        return apiError(c, 503, ApiErrorCode.RENDER_BUSY, "too many reports are being rendered; retry shortly");
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
    const page = timelinePage(c.req.query("after"), c.req.query("limit"));
    if (!page.ok) return apiError(c, 400, ApiErrorCode.INVALID_QUERY, page.message);
    // One more than asked for says whether another page follows.
    const events = await deps.store.reports.timeline(report.id, { after: page.after, limit: page.limit + 1 });
    const more = events.length > page.limit;
    const shown = events.slice(0, page.limit);
    const timeline: ReportTimeline = {
      id: report.id,
      doctor_id: report.doctorId,
      clinic_id: report.clinicId,
      status: report.status,
      created_at: report.createdAt,
      language: report.language,
      // The documented default when the producer gave none: the UTC date the hub received it.
      visit_date: report.visitDate ?? report.createdAt.slice(0, 10),
      events: shown.map((e) => ({ at: e.at, type: e.type, detail: e.detail })),
      next_after: more ? (shown.at(-1)?.id ?? null) : null,
    };
    return c.json(timeline);
  });

  return app;
}

/** `after` and `limit` of a timeline request, or why they are invalid. */
function timelinePage(
  after: string | undefined,
  limit: string | undefined,
): { ok: true; after: number; limit: number } | { ok: false; message: string } {
  const n = (text: string | undefined, fallback: number) =>
    text === undefined ? fallback : /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  const from = n(after, 0);
  const size = n(limit, DEFAULT_TIMELINE_PAGE);
  if (Number.isNaN(from)) return { ok: false, message: "after must be the next_after of a previous page" };
  if (Number.isNaN(size) || size < 1 || size > MAX_TIMELINE_PAGE)
    return { ok: false, message: `limit must be between 1 and ${MAX_TIMELINE_PAGE}` };
  return { ok: true, after: from, limit: size };
}
