import type { HiMessage, HiResponse } from "@sofia/protocol";
import { Hono } from "hono";
import type { ConnectionRegistry } from "../../delivery/connection-registry.ts";
import { doctorRecipient } from "../../delivery/recipients.ts";
import type { Authenticator } from "../../services/authenticator.ts";
import { bearerToken } from "../bearer.ts";
import { ApiErrorCode, apiError } from "../errors.ts";

/** The founders' route: `GET /hi` with a doctor key says hi on every live socket of that doctor. */
export function hiRoutes(deps: { authenticator: Authenticator; registry: ConnectionRegistry }) {
  const app = new Hono();
  app.get("/", async (c) => {
    const token = bearerToken(c.req.header("authorization"));
    const result = token ? await deps.authenticator.doctor(token) : null;
    if (!result?.ok) {
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
