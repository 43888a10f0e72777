import { classifyStatus, neverConnected, retryAfterMs } from "./classify.ts";
import type { Clock } from "./clock.ts";
import type { Endpoint } from "./endpoints.ts";
import { PAGE_LIMITS } from "./endpoints.ts";
import { OdErrorCode, type OdErrorDetails, OpenDentalError } from "./errors.ts";
import { type BodyLimits, explanationOf, parseJsonLimited, readText } from "./json.ts";
import { type Answer, type RequestSpec, requestName, requestUrl } from "./request.ts";

/** What one exchange needs. */
export interface ExchangeDeps {
  authorization: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs: number;
  limits: BodyLimits;
}

/** How much of an error answer is read for its explanation. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** A failed exchange, and whether it proves nothing reached the office. */
export class AttemptFailure {
  constructor(
    readonly error: OpenDentalError,
    readonly nothingSent: boolean,
  ) {}
}

/**
 * One HTTP exchange with one endpoint, within the deadline: the request with Open Dental's two
 * headers, the answer read within limits and parsed with the request's schema. Throws an
 * {@link AttemptFailure}; a write's outcome is unknown unless the failure proves otherwise.
 */
export async function exchange<T>(
  deps: ExchangeDeps,
  endpoint: Endpoint,
  spec: RequestSpec<T>,
  isWrite: boolean,
): Promise<Answer<T>> {
  const request = requestName(spec);
  const fail = (details: Omit<OdErrorDetails, "request" | "mode">, sent = true) =>
    new AttemptFailure(new OpenDentalError({ ...details, request, mode: endpoint.mode }), !sent);
  const limit = spec.offset === undefined ? undefined : Math.min(spec.pageSize ?? Infinity, PAGE_LIMITS[endpoint.mode]);
  const abort = new AbortController();
  const timer = deps.clock.setTimeout(() => abort.abort(), deps.timeoutMs);
  try {
    let response: Response;
    try {
      response = await deps.fetch(requestUrl(endpoint.url, spec, limit), {
        method: spec.method,
        headers: { Authorization: deps.authorization, "Content-Type": "application/json", Accept: "application/json" },
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        signal: abort.signal,
        redirect: "error",
      });
    } catch (cause) {
      if (abort.signal.aborted) throw fail({ code: OdErrorCode.TIMEOUT, outcomeUnknown: isWrite, cause });
      const sent = !neverConnected(cause);
      throw fail({ code: OdErrorCode.NETWORK, outcomeUnknown: isWrite && sent, cause }, sent);
    }
    if (!response.ok) {
      const explanation = explanationOf(await readText(response.body, MAX_ERROR_BODY_BYTES).catch(() => ""));
      const { code, outcomeUnknown } = classifyStatus(response.status, explanation, isWrite);
      const retryAfter = retryAfterMs(response.headers.get("retry-after"), deps.clock.now());
      // Only an eConnector that is down proves a 4xx/5xx never reached the office's data.
      const sent = code !== OdErrorCode.OFFICE_UNREACHABLE || outcomeUnknown;
      const details = { code, status: response.status, outcomeUnknown, retryAfterMs: retryAfter };
      throw fail({ ...details, ...(explanation ? { explanation } : {}) }, sent);
    }
    const value = await parse(deps.limits, response, spec, abort.signal).catch((cause: unknown) => {
      const code = abort.signal.aborted ? OdErrorCode.TIMEOUT : OdErrorCode.INVALID_RESPONSE;
      throw fail({ code, status: response.status, outcomeUnknown: isWrite, cause });
    });
    return { value, mode: endpoint.mode, ...(limit === undefined ? {} : { limit }) };
  } finally {
    timer.cancel();
  }
}

async function parse<T>(limits: BodyLimits, response: Response, spec: RequestSpec<T>, signal: AbortSignal): Promise<T> {
  const text = await readText(response.body, limits.maxBytes);
  if (signal.aborted) throw new Error("deadline passed while reading the answer");
  if (spec.schema === null || (text.trim() === "" && spec.allowEmpty)) return undefined as T;
  const parsed = spec.schema.safeParse(parseJsonLimited(text, limits.maxDepth));
  if (!parsed.success) {
    // Paths and issue codes only: the values may be patient data.
    const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(body)"}: ${i.code}`);
    throw new Error(`the answer does not match ${requestName(spec)}: ${where.join("; ")}`);
  }
  return parsed.data;
}
