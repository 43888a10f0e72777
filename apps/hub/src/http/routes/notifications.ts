import {
  exceedsJsonDepth,
  MAX_NOTIFICATION_JSON_DEPTH,
  MAX_NOTIFICATION_REQUEST_BYTES,
  PublishNotificationRequest,
} from "@sofia/protocol";
import { Hono } from "hono";
import type { Authenticator } from "../../services/authenticator.ts";
import type { NotificationPublisher } from "../../services/notification-publisher.ts";
import { readBoundedText } from "../bounded-text.ts";
import { ApiErrorCode, apiError, fieldErrors } from "../errors.ts";
import { requireProducer } from "../producer-auth.ts";

/**
 * `POST /v1/notifications`: a care-team notification for a user, a role or a clinic
 * (docs/notifications.md). `202` once it is in every recipient's inbox; `200` with the first
 * notification's id for a repeated `dedupe_key`. The token is checked before the body is read,
 * and the body is read within its limit and checked for nesting before it is parsed.
 */
export function notificationRoutes(deps: { authenticator: Authenticator; notifications: NotificationPublisher }) {
  const app = new Hono();
  app.post("/", async (c) => {
    const auth = await requireProducer(c, deps.authenticator, ["notifications:publish"]);
    if (!auth.ok) return auth.response;
    if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
      return apiError(c, 415, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as Content-Type: application/json");
    }
    const body = await readBoundedText(c.req.raw, MAX_NOTIFICATION_REQUEST_BYTES);
    if (!body.ok && body.reason === "too_large") {
      return apiError(
        c,
        413,
        ApiErrorCode.BODY_TOO_LARGE,
        `the body is larger than ${MAX_NOTIFICATION_REQUEST_BYTES} bytes`,
      );
    }
    if (!body.ok || exceedsJsonDepth(body.text, MAX_NOTIFICATION_JSON_DEPTH)) {
      return apiError(c, 400, ApiErrorCode.INVALID_JSON, "the body is not valid JSON of at most 8 levels");
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body.text);
    } catch {
      return apiError(c, 400, ApiErrorCode.INVALID_JSON, "the body is not valid JSON");
    }
    const request = PublishNotificationRequest.safeParse(raw);
    if (!request.success) {
      return apiError(c, 400, ApiErrorCode.INVALID_BODY, "the body has invalid fields", fieldErrors(request.error));
    }
    const outcome = await deps.notifications.publish(auth.credential, request.data);
    switch (outcome.kind) {
      case "unknown_clinic":
        return apiError(c, 404, ApiErrorCode.NOT_FOUND, `no clinic "${request.data.to.clinic_id}"`);
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
