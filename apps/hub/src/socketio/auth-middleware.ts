import type { Logger } from "@sofia/runtime/log";
import type { ExtendedError, Socket } from "socket.io";
import { z } from "zod";
import { USER_AUTH_ADVICE, type UserAuthAdvice, UserAuthFailure } from "../users/auth-failure.ts";
/** Counts refused connections per address (the hub's AuthGuard, or an AuthFailureLimiter). */
export interface RefusalLimiter {
  blocked(remote: string): boolean;
  failed(remote: string, reason: string): void;
}

/** Whether a user's clinic allows the page's origin (security/browser-origin.ts); audits a refusal. */
export type OriginCheck = (origin: string | undefined, remote: string, user: AuthenticatedUser) => Promise<boolean>;

import type { AuthenticatedUser } from "../users/user-claims.ts";
import type { UserAuthResult } from "../users/user-token-verifier.ts";

/** What every Socket.IO socket of the hub carries once authenticated. */
export interface UserSocketData {
  user: AuthenticatedUser;
}

/** Verifies the token a client put in `io(url, { auth: { token } })`. */
export type SocketTokenVerifier = (token: string | undefined) => Promise<UserAuthResult>;

/**
 * The `data` of the `connect_error` a refused client receives; its `message` is the reason too,
 * so `socket.on("connect_error", (e) => e.message === "expired")` works without reading `data`.
 */
export interface SocketAuthRefusal {
  reason: UserAuthFailure | "internal_error";
  advice: UserAuthAdvice;
}

// `auth` is whatever the client sent; only `token` is read, and it must be a string.
const HandshakeAuth = z.object({ token: z.string().optional() });

/**
 * The `io.use` hook that authenticates every Socket.IO connection with `verify` before it joins
 * anything. A refused client gets `connect_error` with the reason and its advice, and (per
 * Socket.IO's rules) is not reconnected automatically. Refusals count against the client's
 * address in `limiter`, except `keys_unavailable`, which is the identity provider's fault.
 */
export function socketAuthMiddleware(deps: {
  verify: SocketTokenVerifier;
  limiter: RefusalLimiter;
  /** Absent: every origin is accepted (tests of the mount alone). */
  originAllowed?: OriginCheck;
  log: Logger;
}) {
  const { verify, limiter, log } = deps;
  return (socket: Socket, next: (error?: ExtendedError) => void): void => {
    const remote = socket.handshake.address ?? "unknown";
    const run = async () => {
      if (limiter.blocked(remote)) return next(refusal(UserAuthFailure.RATE_LIMITED));
      const auth = HandshakeAuth.safeParse(socket.handshake.auth);
      const result: UserAuthResult = auth.success
        ? await verify(auth.data.token)
        : { ok: false, reason: UserAuthFailure.MALFORMED };
      if (result.ok) {
        const origin = socket.handshake.headers.origin;
        if (deps.originAllowed && !(await deps.originAllowed(origin, remote, result.user))) {
          return next(refusal(UserAuthFailure.ORIGIN_NOT_ALLOWED));
        }
        (socket.data as UserSocketData).user = result.user;
        return next();
      }
      if (result.reason !== UserAuthFailure.KEYS_UNAVAILABLE) limiter.failed(remote, result.reason);
      log.info("socket.io connection refused", { reason: result.reason, remote });
      return next(refusal(result.reason));
    };
    run().catch((error: unknown) => {
      log.error("socket.io authentication failed unexpectedly", { remote, error: String(error) });
      next(refusal("internal_error"));
    });
  };
}

function refusal(reason: SocketAuthRefusal["reason"]): ExtendedError {
  const data: SocketAuthRefusal = {
    reason,
    advice: reason === "internal_error" ? "retry_later" : USER_AUTH_ADVICE[reason],
  };
  return Object.assign(new Error(reason), { data });
}
