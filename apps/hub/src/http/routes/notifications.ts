import {
  MAX_NOTIFICATION_JSON_DEPTH,
  MAX_NOTIFICATION_REQUEST_BYTES,
  PublishNotificationRequest,
} from "@sofia/protocol";
import { Hono } from "hono";
import type { NotificationPublisher } from "../../services/notification-publisher.ts";
import { ApiErrorCode, apiError } from "../errors.ts";
import { readJsonBody } from "../json-body.ts";
import { type RequestAuthDeps, requireProducer } from "../producer-auth.ts";

/**
 * `POST /v1/notifications`: a care-team notification for a user, a role or a clinic
 * (docs/notifications.md). `202` once it is in every recipient's inbox; `200` with the first
 * notification's id for a repeated `dedupe_key`. The token is checked before the body is read,
 * and the body is read within its limit and checked for nesting before it is parsed.
 */
export function notificationRoutes(deps: RequestAuthDeps & { notifications: NotificationPublisher }) {
  const app = new Hono();
  app.post("/", async (c) => {
    const auth = await requireProducer(c, deps, ["notifications:publish"]);
    if (!auth.ok) return auth.response;
    const body = await readJsonBody(c, PublishNotificationRequest, {
      maxBytes: MAX_NOTIFICATION_REQUEST_BYTES,
      maxDepth: MAX_NOTIFICATION_JSON_DEPTH,
    });
    if (!body.ok) return body.response;
    const request = body.value;
    const outcome = await deps.notifications.publish(auth.credential, request);
    switch (outcome.kind) {
      case "unknown_clinic":
        return apiError(c, 404, ApiErrorCode.NOT_FOUND, `no clinic "${request.to.clinic_id}"`);
      case "refused":
        return apiError(c, 403, ApiErrorCode.FORBIDDEN, `the notification policy refuses this: ${outcome.reason}`);
      case "created":
      case "replayed":
        if (outcome.kind === "replayed") c.header("Idempotent-Replayed", "true");
        return c.json({ id: outcome.id, recipients: outcome.recipients }, outcome.kind === "created" ? 202 : 200);
    }
  });
  return app;
}
