import { EnrollRequest, MAX_ENROLL_REQUEST_BYTES } from "@sofia/protocol";
import { Hono } from "hono";
import type { EnrollmentService } from "../../services/enrollment.ts";
import { ApiErrorCode, apiError, tooManyAttempts } from "../errors.ts";
import { readJsonBody } from "../json-body.ts";

/** `POST /v1/agents/enroll`: the one-time code is the credential; the answer carries the device token once. */
export function agentRoutes(deps: { enrollment: EnrollmentService; remoteOf: (request: Request) => string }) {
  const app = new Hono();
  app.post("/enroll", async (c) => {
    // Anyone may call this route: the body is tiny, so a larger one is refused unread.
    const body = await readJsonBody(c, EnrollRequest, { maxBytes: MAX_ENROLL_REQUEST_BYTES });
    if (!body.ok) return body.response;
    const outcome = await deps.enrollment.enroll(body.value, deps.remoteOf(c.req.raw));
    if (!outcome.ok && outcome.reason === "rate_limited") return tooManyAttempts(outcome.retryAfterMs);
    if (!outcome.ok) {
      return apiError(
        c,
        401,
        ApiErrorCode.INVALID_ENROLLMENT_CODE,
        "this enrollment code is unknown, already used or expired; ask for a new one",
      );
    }
    return c.json(outcome.enrolled, 201);
  });
  return app;
}
