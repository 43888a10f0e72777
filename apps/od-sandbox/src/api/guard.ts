import type { MiddlewareHandler } from "hono";
import type { ApiEnv, SandboxDeps } from "./context.ts";
import { OdStatus, odError } from "./errors.ts";
import { MODES, THROTTLE_MS } from "./mode.ts";
import { Throttle } from "./throttle.ts";

const ODFHIR = /^ODFHIR ([^\s/]+)\/([^\s/]+)$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The checks every `/api/v1` request passes, in order:
 * 1. the two required headers are there: a request missing one, or with another Content-Type
 *    than `application/json` (required on every request, GET too), is malformed → 400 [S3];
 * 2. `Authorization: ODFHIR {DeveloperKey}/{CustomerKey}` names an enabled key, else 401 [S2][S3];
 * 3. a read-only key only reads, else 401 [S5];
 * 4. remote mode's throttle, per customer key [S3][S5];
 * 5. an injected fault, if one is armed for the request (before or after the handler runs).
 * Inferred: the order of these checks, that an Authorization header in another scheme (Basic,
 * Bearer) is an invalid key (401) rather than a malformed request, and the messages' wording.
 */
export function guard(deps: SandboxDeps): MiddlewareHandler<ApiEnv> {
  const throttle = new Throttle(deps.clock);
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) return odError(c, OdStatus.BAD_REQUEST, "Authorization header is missing.");
    if (!JSON_TYPE.test(c.req.header("content-type") ?? "")) {
      return odError(c, OdStatus.BAD_REQUEST, "Content-Type must be application/json.");
    }
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
    c.set("apiKey", key);
    const armed = deps.faults.take(c.req.method, c.req.path);
    if (armed?.phase === "before") {
      const faulty = await deps.faults.answer(armed.fault, c.req.raw.signal);
      if (faulty) return faulty;
    }
    await next();
    if (armed?.phase === "after") {
      // The handler has done its work (a write is committed); only its answer is lost.
      const faulty = await deps.faults.answer(armed.fault, c.req.raw.signal);
      if (faulty) c.res = faulty;
    }
  };
}
