import { classifyStatus, neverConnected, retryAfterMs } from "./classify.ts";
import type { Clock } from "./clock.ts";
import { delay } from "./clock.ts";
import type { EndpointSet } from "./endpoint-set.ts";
import type { Endpoint } from "./endpoints.ts";
import { PAGE_LIMITS } from "./endpoints.ts";
import { OdErrorCode, OpenDentalError } from "./errors.ts";
import { type BodyLimits, explanationOf, parseJsonLimited, readText } from "./json.ts";
import type { Pacer } from "./pacer.ts";
import { type Answer, type RequestSpec, requestName, requestUrl } from "./request.ts";
import type { WriteGate } from "./write-gate.ts";

/** What the transport needs; the client assembles it from its options. */
export interface TransportDeps {
  authorization: string;
  fetch: typeof fetch;
  clock: Clock;
  endpoints: EndpointSet;
  /** Paces Remote API requests; the Local API and the API Service are not throttled. */
  pacer: Pacer;
  writes: WriteGate;
  timeoutMs: number;
  limits: BodyLimits;
}

/** How many times a throttled (429) request is retried on the same endpoint before giving up. */
const THROTTLE_RETRIES = 2;

/** A failure of one attempt, and whether it proves nothing reached the office. */
class AttemptFailure {
  constructor(
    readonly error: OpenDentalError,
    readonly nothingSent: boolean,
  ) {}
}

/**
 * Sends requests to the office: through the endpoint cascade, paced on the Remote API, writes one
 * at a time, each attempt with a deadline, every answer read within limits and parsed with its
 * schema. Failures become {@link OpenDentalError}s classified by what the caller should do.
 *
 * A read that fails for want of an answer moves on to the next endpoint. A write does so only when
 * the failure proves the office never saw it (no connection made, the eConnector down): a write
 * that may have been carried out is never sent again here — that is the caller's decision, after
 * looking for its effect (`outcomeUnknown`).
 */
export class Transport {
  constructor(private readonly deps: TransportDeps) {}

  send<T>(spec: RequestSpec<T>): Promise<Answer<T>> {
    if (spec.method === "GET") return this.cascade(spec, false);
    return this.deps.writes.run(spec.reportId, requestName(spec), () => this.cascade(spec, true));
  }

  private async cascade<T>(spec: RequestSpec<T>, isWrite: boolean): Promise<Answer<T>> {
    let last: OpenDentalError | undefined;
    for (const endpoint of this.deps.endpoints.order()) {
      try {
        const answer = await this.attempt(endpoint, spec, isWrite);
        this.deps.endpoints.answered(endpoint);
        return answer;
      } catch (failure) {
        if (!(failure instanceof AttemptFailure)) throw failure;
        const { error, nothingSent } = failure;
        last = error;
        const unreachable = UNREACHABLE.has(error.code);
        if (unreachable) this.deps.endpoints.down(endpoint, error.code);
        else this.deps.endpoints.answered(endpoint);
        const fallBack = isWrite ? nothingSent : unreachable;
        if (!fallBack) throw error;
      }
    }
    throw last ?? new OpenDentalError({ code: OdErrorCode.NETWORK, request: requestName(spec) });
  }

  private async attempt<T>(endpoint: Endpoint, spec: RequestSpec<T>, isWrite: boolean): Promise<Answer<T>> {
    for (let retry = 0; ; retry++) {
      const once = () => this.exchange(endpoint, spec, isWrite);
      try {
        return await (endpoint.mode === "remote" ? this.deps.pacer.run(once) : once());
      } catch (failure) {
        const throttled = failure instanceof AttemptFailure && failure.error.code === OdErrorCode.THROTTLED;
        if (!throttled || retry >= THROTTLE_RETRIES) throw failure;
        const wait = failure.error.retryAfterMs ?? 1000;
        if (endpoint.mode === "remote") this.deps.pacer.holdOff(wait);
        else await delay(this.deps.clock, wait);
      }
    }
  }

  /** One HTTP exchange with one endpoint, within the deadline. */
  private async exchange<T>(endpoint: Endpoint, spec: RequestSpec<T>, isWrite: boolean): Promise<Answer<T>> {
    const request = requestName(spec);
    const fail = (details: Omit<ConstructorParameters<typeof OpenDentalError>[0], "request" | "mode">, sent = true) =>
      new AttemptFailure(new OpenDentalError({ ...details, request, mode: endpoint.mode }), !sent);
    const limit =
      spec.offset === undefined ? undefined : Math.min(spec.pageSize ?? Infinity, PAGE_LIMITS[endpoint.mode]);
    const abort = new AbortController();
    const timer = this.deps.clock.setTimeout(() => abort.abort(), this.deps.timeoutMs);
    try {
      let response: Response;
      try {
        response = await this.deps.fetch(requestUrl(endpoint.url, spec, limit), {
          method: spec.method,
          headers: {
            Authorization: this.deps.authorization,
            "Content-Type": "application/json",
            Accept: "application/json",
          },
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
        const text = await readText(response.body, 64 * 1024).catch(() => "");
        const explanation = explanationOf(text);
        const { code, outcomeUnknown } = classifyStatus(response.status, explanation, isWrite);
        const after = retryAfterMs(response.headers.get("retry-after"), this.deps.clock.now());
        const sent = code !== OdErrorCode.OFFICE_UNREACHABLE || outcomeUnknown;
        throw fail(
          {
            code,
            status: response.status,
            outcomeUnknown,
            ...(explanation ? { explanation } : {}),
            retryAfterMs: after,
          },
          sent,
        );
      }
      const value = await this.parse(response, spec, abort.signal).catch((cause: unknown) => {
        const code = abort.signal.aborted ? OdErrorCode.TIMEOUT : OdErrorCode.INVALID_RESPONSE;
        throw fail({ code, status: response.status, outcomeUnknown: isWrite, cause });
      });
      return { value, mode: endpoint.mode, ...(limit === undefined ? {} : { limit }) };
    } finally {
      timer.cancel();
    }
  }

  private async parse<T>(response: Response, spec: RequestSpec<T>, signal: AbortSignal): Promise<T> {
    const text = await readText(response.body, this.deps.limits.maxBytes);
    if (signal.aborted) throw new Error("deadline passed while reading the answer");
    if (spec.schema === null || (text.trim() === "" && spec.allowEmpty)) return undefined as T;
    const parsed = spec.schema.safeParse(parseJsonLimited(text, this.deps.limits.maxDepth));
    if (!parsed.success) {
      // Paths only: the values may be patient data.
      const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(body)"}: ${i.code}`);
      throw new Error(`the answer does not match ${requestName(spec)}: ${where.join("; ")}`);
    }
    return parsed.data;
  }
}

/** Failures that say the endpoint (or the office behind it) did not answer: the cascade moves on. */
const UNREACHABLE: ReadonlySet<OdErrorCode> = new Set([
  OdErrorCode.NETWORK,
  OdErrorCode.TIMEOUT,
  OdErrorCode.SERVER_ERROR,
  OdErrorCode.GATEWAY_TIMEOUT,
  OdErrorCode.OFFICE_UNREACHABLE,
]);
