import type { Context } from "hono";
import type { Authenticator } from "../services/authenticator.ts";
import type { Credential, Scope } from "../store/records.ts";
import { bearerToken } from "./bearer.ts";
import { ApiErrorCode, apiError } from "./errors.ts";

/**
 * Authenticates the request's producer token, which must carry one of `scopes`: `401` when
 * missing, unknown or revoked, `403` when valid but without any of the scopes.
 */
export async function requireProducer(
  c: Context,
  authenticator: Authenticator,
  scopes: readonly Scope[],
): Promise<{ ok: true; credential: Credential } | { ok: false; response: Response }> {
  const token = bearerToken(c.req.header("authorization"));
  const result = token ? await authenticator.producer(token, scopes) : null;
  if (result?.ok) return { ok: true, credential: result.value };
  if (result?.reason === "missing_scope") {
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
