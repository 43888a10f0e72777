import type { HiMessage, HiResponse } from "@sofia/protocol";
import { Hono } from "hono";
import type { ConnectionRegistry } from "../../delivery/connection-registry.ts";
import { doctorRecipient } from "../../delivery/recipients.ts";
import { bearerToken } from "../bearer.ts";
import { ApiErrorCode, apiError, tooManyAttempts } from "../errors.ts";
import { apiOrigin, type RequestAuthDeps } from "../producer-auth.ts";

/** The founders' route: `GET /hi` with a doctor key says hi on every live socket of that doctor. */
export function hiRoutes(deps: RequestAuthDeps & { registry: ConnectionRegistry }) {
  const app = new Hono();
  app.get("/", async (c) => {
    const token = bearerToken(c.req.header("authorization")) ?? "";
    const result = await deps.authenticator.doctor(token, apiOrigin(c, deps));
    if (!result.ok && result.reason === "rate_limited") return tooManyAttempts(result.retryAfterMs ?? 1000);
    if (!result.ok) {
      c.header("WWW-Authenticate", 'Bearer realm="sofia-hub"');
      return apiError(
        c,
        401,
        ApiErrorCode.UNAUTHORIZED,
        "send a valid doctor key as Authorization: Bearer <doctor_key>",
      );
    }
    const { doctor } = result.value;
    const hi: HiMessage = { type: "hi", message: `hi ${doctor.name}, you have hit the route hi` };
    const sockets = deps.registry
      .forRecipient(doctorRecipient(doctor.id))
      .filter((s) => s.greet(hi.message) !== "dropped").length;
    const response: HiResponse = { doctor_id: doctor.id, sockets };
    return c.json(response);
  });
  return app;
}
