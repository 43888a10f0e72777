import { MAX_WEBHOOK_REQUEST_BYTES, RegisterWebhookRequest, type RegisterWebhookResponse } from "@sofia/protocol";
import { Hono } from "hono";
import type { WebhookSender } from "../../services/webhook-sender.ts";
import type { HubStore } from "../../store/store.ts";
import { ApiErrorCode, apiError } from "../errors.ts";
import { readJsonBody } from "../json-body.ts";
import { type RequestAuthDeps, requireProducer } from "../producer-auth.ts";

/**
 * `PUT /v1/webhook` registers (or replaces) the calling token's webhook and returns a new signing
 * secret once; `GET /v1/webhook` shows the URL. The hub then POSTs every status change of the
 * token's reports there.
 */
export function webhookRoutes(deps: RequestAuthDeps & { webhooks: WebhookSender; store: HubStore }) {
  const app = new Hono();
  app.put("/", async (c) => {
    const auth = await requireProducer(c, deps, ["reports:publish"]);
    if (!auth.ok) return auth.response;
    const body = await readJsonBody(c, RegisterWebhookRequest, { maxBytes: MAX_WEBHOOK_REQUEST_BYTES });
    if (!body.ok) return body.response;
    // Stored as the URL parser writes it back (`http://2130706433/` → `http://127.0.0.1/`): what is
    // shown is what is checked and called.
    const url = new URL(body.value.url).href;
    const registered = await deps.webhooks.register(auth.credential, url);
    if (!registered.ok) {
      return apiError(c, 400, ApiErrorCode.INVALID_BODY, "the hub will not call this webhook URL", {
        url: [registered.reason],
      });
    }
    const response: RegisterWebhookResponse = { url, secret: registered.secret };
    return c.json(response);
  });
  app.get("/", async (c) => {
    const auth = await requireProducer(c, deps, ["reports:publish"]);
    if (!auth.ok) return auth.response;
    const hook = await deps.store.webhooks.get(auth.credential.id);
    if (!hook) return apiError(c, 404, ApiErrorCode.NOT_FOUND, "no webhook registered for this token");
    return c.json({ url: hook.url, created_at: hook.createdAt });
  });
  return app;
}
