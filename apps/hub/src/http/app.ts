import type { Clock } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import { Hono } from "hono";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import type { LinkSigner } from "../downloads/link-signer.ts";
import type { HubMetrics } from "../metrics/index.ts";
import type { DocxCache, RenderPool } from "../render/index.ts";
import type { Authenticator } from "../services/authenticator.ts";
import type { EnrollmentService } from "../services/enrollment.ts";
import type { NotificationPublisher } from "../services/notification-publisher.ts";
import type { ReportPublisher } from "../services/report-publisher.ts";
import type { WebhookSender } from "../services/webhook-sender.ts";
import { type HubStore, StoreError } from "../store/store.ts";
import { ApiErrorCode, apiError } from "./errors.ts";
import { agentRoutes } from "./routes/agents.ts";
import { downloadRoutes } from "./routes/downloads.ts";
import { healthRoutes } from "./routes/health.ts";
import { hiRoutes } from "./routes/hi.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { reportRoutes } from "./routes/reports.ts";
import { webhookRoutes } from "./routes/webhook.ts";

/** What the HTTP API needs from the rest of the hub. */
export interface HttpDeps {
  store: HubStore;
  authenticator: Authenticator;
  publisher: ReportPublisher;
  registry: ConnectionRegistry;
  log: Logger;
  version: string;
  signer: LinkSigner;
  renderer: RenderPool;
  docxCache: DocxCache;
  clock: Clock;
  enrollment: EnrollmentService;
  webhooks: WebhookSender;
  notifications: NotificationPublisher;
  metrics: HubMetrics;
  /** The client address of a request, for the audit trail. */
  remoteOf: (request: Request) => string;
}

/**
 * The hub's HTTP API. WebSocket upgrades are handled before a request reaches it. Bodies are read
 * by each route, within its own limit and after authenticating the caller (`readJsonBody`): no
 * middleware reads a body ahead of the route, so an anonymous client cannot make the hub buffer a
 * megabyte it will refuse anyway.
 */
export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  app.route("/healthz", healthRoutes(deps));
  app.route("/hi", hiRoutes(deps));
  app.route("/metrics", metricsRoutes(deps));
  app.route("/v1/reports", reportRoutes(deps));
  app.route("/v1/reports", downloadRoutes(deps));
  app.route("/v1/agents", agentRoutes(deps));
  app.route("/v1/webhook", webhookRoutes(deps));
  app.route("/v1/notifications", notificationRoutes(deps));
  app.notFound((c) => apiError(c, 404, ApiErrorCode.NOT_FOUND, `no route ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof StoreError) {
      deps.log.error("request failed: store unavailable", { method: c.req.method, path: c.req.path, code: error.code });
      c.header("Retry-After", "1");
      return apiError(c, 503, ApiErrorCode.STORE_UNAVAILABLE, "the hub's store is busy or failing; retry shortly");
    }
    deps.log.error("request failed", { method: c.req.method, path: c.req.path, error: String(error) });
    return apiError(c, 500, ApiErrorCode.INTERNAL, "internal error; the request may be retried");
  });
  return app;
}
