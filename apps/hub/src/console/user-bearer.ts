import type { Context } from "hono";
import { ApiErrorCode, apiError, tooManyAttempts } from "../http/errors.ts";
import type { AuthGuard } from "../security/auth-guard.ts";
import type { UserAccess } from "../services/user-access.ts";
import type { AuthenticatedUser } from "../users/user-claims.ts";
import { MAX_USER_TOKEN_CHARS } from "../users/user-token-verifier.ts";

/** What the console's own endpoints need to recognise a care-team user. */
export interface UserBearerDeps {
  access: UserAccess;
  guard: AuthGuard;
  remoteOf: (request: Request) => string;
}

/**
 * The care-team user of an `Authorization: Bearer <JWT>` request (the console's own endpoints),
 * verified as on the sockets: the clinic's issuer, audience and keys. Refusals count against the
 * address with every other credential and transport.
 */
export async function requireUser(
  c: Context,
  deps: UserBearerDeps,
): Promise<{ ok: true; user: AuthenticatedUser } | { ok: false; response: Response }> {
  const remote = deps.remoteOf(c.req.raw);
  const wait = deps.guard.retryAfterMs(remote, null);
  if (wait > 0) return { ok: false, response: tooManyAttempts(wait) };
  // Not `bearerToken()`: its limit is the hub's own credentials'; a JWT may be up to 8 KiB.
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  const token = match?.[1] && match[1].length <= MAX_USER_TOKEN_CHARS ? match[1] : null;
  const result = token === null ? null : await deps.access.verify(token);
  if (result?.ok) return { ok: true, user: result.user };
  const reason = result?.reason ?? "no_token";
  await deps.guard.refused({ remote, action: "console.auth_failed" }, null, reason);
  return { ok: false, response: apiError(c, 401, ApiErrorCode.UNAUTHORIZED, `authentication failed: ${reason}`) };
}
