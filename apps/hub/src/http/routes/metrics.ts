import { Hono } from "hono";
import type { HubMetrics } from "../../metrics/index.ts";
import { ApiErrorCode, apiError } from "../errors.ts";
import { type RequestAuthDeps, requireProducer } from "../producer-auth.ts";

/**
 * `GET /metrics`: the hub's Prometheus metrics, for an operator token (a producer token with the
 * `metrics:read` scope: `sofia-hub tokens create --operator`). `401` without a valid token, `403`
 * for a token without the scope or confined to one clinic. Labels carry no patient data (metrics/labels.ts), but counts per
 * clinic and state are still the operator's business, not the internet's.
 */
export function metricsRoutes(deps: RequestAuthDeps & { metrics: HubMetrics }) {
  const app = new Hono();
  app.get("/", async (c) => {
    const auth = await requireProducer(c, deps, ["metrics:read"]);
    if (!auth.ok) return auth.response;
    // The metrics are hub-wide (every clinic's agents and connections): a token confined to one
    // clinic must not read its neighbours' figures.
    if (auth.credential.clinicId !== null)
      return apiError(c, 403, ApiErrorCode.FORBIDDEN, "the metrics are hub-wide: use a token for every clinic");
    const body = await deps.metrics.text();
    return c.body(body, 200, { "Content-Type": deps.metrics.contentType, "Cache-Control": "no-store" });
  });
  return app;
}
