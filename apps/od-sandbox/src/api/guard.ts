import type { MiddlewareHandler } from "hono";
import type { ApiEnv, SandboxDeps } from "./context.ts";
import { OdStatus, odError } from "./errors.ts";
import { MODES, THROTTLE_MS } from "./mode.ts";
import { Throttle } from "./throttle.ts";

const ODFHIR = /^ODFHIR ([^\s/]+)\/([^\s/]+)$/;

/**
 * The checks every `/api/v1` request passes, in order: the `ODFHIR {DeveloperKey}/{CustomerKey}`
 * header names an enabled key (else 401) [S2][S3]; a read-only key only reads (else 401) [S5];
 * remote mode's throttle; `Content-Type: application/json`, required on every request [S3]
 * (else 400). Inferred: the order of these checks and the wording of their messages.
 */
export function guard(deps: SandboxDeps): MiddlewareHandler<ApiEnv> {
  const throttle = new Throttle(deps.clock);
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) return odError(c, OdStatus.UNAUTHORIZED, "Authorization header is missing.");
    const match = ODFHIR.exec(header.trim());
    if (!match) {
      return odError(c, OdStatus.UNAUTHORIZED, "Authorization header must be ODFHIR {DeveloperKey}/{CustomerKey}.");
    }
    const [, developerKey = "", customerKey = ""] = match;
    const [key] = await deps.store.select("apikey", {
      where: [
        { column: "DevApiKey", op: "=", value: developerKey },
        { column: "CustApiKey", op: "=", value: customerKey },
      ],
      limit: 1,
    });
    if (!key) return odError(c, OdStatus.UNAUTHORIZED, "Invalid developer key or customer key.");
    if (!key.IsEnabled) return odError(c, OdStatus.UNAUTHORIZED, "This customer key is not enabled.");
    const readOnly = key.ApiPermissions !== "all";
    if (readOnly && c.req.method !== "GET") {
      return odError(c, OdStatus.UNAUTHORIZED, "This API key does not have permission for this method.");
    }
    if (MODES[deps.mode].throttled) {
      const waitMs = throttle.admit(customerKey, readOnly ? THROTTLE_MS.readOnly : THROTTLE_MS.write);
      if (waitMs > 0) {
        c.header("Retry-After", String(Math.ceil(waitMs / 1000)));
        return odError(c, OdStatus.TOO_MANY_REQUESTS, "Too many requests. Please wait before trying again.");
      }
    }
    if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
      return odError(c, OdStatus.BAD_REQUEST, "Content-Type must be application/json.");
    }
    c.set("apiKey", key);
    const fault = await deps.faults.take(c.req.method, c.req.path, c.req.raw.signal);
    if (fault) return odError(c, fault.status, fault.message);
    await next();
  };
}
