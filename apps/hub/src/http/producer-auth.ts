import type { Context } from "hono";
import type { Authenticator } from "../services/authenticator.ts";
import type { Credential, Scope } from "../store/records.ts";
import { bearerToken } from "./bearer.ts";
import { ApiErrorCode, apiError, tooManyAttempts } from "./errors.ts";

/** What authenticating a request's bearer credential needs. */
export interface RequestAuthDeps {
  authenticator: Authenticator;
  /** The client address of a request, for rate limits and the audit trail. */
  remoteOf: (request: Request) => string;
}

/** Where an HTTP attempt comes from, for the auth guard. */
export function apiOrigin(c: Context, deps: RequestAuthDeps) {
  return { remote: deps.remoteOf(c.req.raw), action: "api.auth_failed" };
}

/**
 * Authenticates the request's producer token, which must carry one of `scopes`: `401` when
 * missing, unknown or revoked, `403` when valid but without any of the scopes, `429` with
 * `Retry-After` when this address (or this token id) has had too many refusals.
 */
export async function requireProducer(
  c: Context,
  deps: RequestAuthDeps,
  scopes: readonly Scope[],
): Promise<{ ok: true; credential: Credential } | { ok: false; response: Response }> {
  const token = bearerToken(c.req.header("authorization")) ?? "";
  const result = await deps.authenticator.producer(token, scopes, apiOrigin(c, deps));
  if (result.ok) return { ok: true, credential: result.value };
  if (result.reason === "rate_limited") return { ok: false, response: tooManyAttempts(result.retryAfterMs ?? 1000) };
  if (result.reason === "missing_scope") {
    return {
      ok: false,
      response: apiError(c, 403, ApiErrorCode.FORBIDDEN, `this token needs the ${scopes.join(" or ")} scope`),
    };
  }
  c.header("WWW-Authenticate", 'Bearer realm="sofia-hub"');
  return {
    ok: false,
    response: apiError(
      c,
      401,
      ApiErrorCode.UNAUTHORIZED,
      "send a valid producer token as Authorization: Bearer <token>",
    ),
  };
}
