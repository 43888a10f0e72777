import { Hono } from "hono";
import { z } from "zod";
import { DemoAction, demoActionRequests } from "../../console/demo-actions.ts";
import { requireUser, type UserBearerDeps } from "../../console/user-bearer.ts";
import type { DemoCredentials } from "../../demo.ts";
import { DEMO_USERS, demoUserToken } from "../../demo-users.ts";
import type { Authenticator } from "../../services/authenticator.ts";
import type { NotificationPublisher } from "../../services/notification-publisher.ts";
import { ApiErrorCode, apiError } from "../errors.ts";
import { readJsonBody } from "../json-body.ts";

/** What the demo clinic's console endpoints need. */
export interface DemoActionDeps extends UserBearerDeps {
  demo: DemoCredentials;
  authenticator: Authenticator;
  notifications: NotificationPublisher;
}

const TokenRequest = z.object({ user_id: z.string().min(1).max(64) });

/**
 * The demo clinic's stand-ins, mounted only by `serve --demo`: its users and their tokens (what
 * its identity provider would issue), and the customer's backend that would act on a patient's
 * decision or a pharmacist's step (`act`: the console posts it, the hub publishes what that
 * backend would publish with `POST /v1/notifications`).
 */
export function demoRoutes(deps: DemoActionDeps) {
  const app = new Hono();
  app.get("/users", (c) => c.json({ clinic_id: deps.demo.clinic_id, users: DEMO_USERS }));
  app.post("/token", async (c) => {
    const body = await readJsonBody(c, TokenRequest, { maxBytes: 1024, maxDepth: 2 });
    if (!body.ok) return body.response;
    const user = DEMO_USERS.find((u) => u.id === body.value.user_id);
    if (!user) return apiError(c, 404, ApiErrorCode.NOT_FOUND, `no demo user "${body.value.user_id}"`);
    return c.json({ token: await demoUserToken(deps.demo, user.id, user.role), user });
  });
  app.post("/act", async (c) => {
    const auth = await requireUser(c, deps);
    if (!auth.ok) return auth.response;
    const body = await readJsonBody(c, DemoAction, { maxBytes: 4096, maxDepth: 3 });
    if (!body.ok) return body.response;
    const requests = demoActionRequests(auth.user, body.value, new Date().toISOString());
    if (requests === null) return apiError(c, 403, ApiErrorCode.FORBIDDEN, "not an action for this user's role");
    const producer = await deps.authenticator.producer(deps.demo.producer_token, ["notifications:publish"]);
    if (!producer.ok) return apiError(c, 503, ApiErrorCode.STORE_UNAVAILABLE, "the demo producer is unavailable");
    for (const request of requests) {
      const outcome = await deps.notifications.publish(producer.value, request);
      if (outcome.kind !== "created" && outcome.kind !== "replayed")
        return apiError(c, 403, ApiErrorCode.FORBIDDEN, `refused: ${outcome.kind}`);
    }
    return c.json({ published: requests.length }, 202);
  });
  return app;
}
