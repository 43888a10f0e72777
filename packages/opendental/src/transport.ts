import { delay } from "./clock.ts";
import type { EndpointSet } from "./endpoint-set.ts";
import type { Endpoint } from "./endpoints.ts";
import { OdErrorCode, OpenDentalError } from "./errors.ts";
import { AttemptFailure, type ExchangeDeps, exchange } from "./exchange.ts";
import type { Pacer } from "./pacer.ts";
import { type Answer, type RequestSpec, requestName } from "./request.ts";
import type { WriteGate } from "./write-gate.ts";

/** What the transport needs; the client assembles it from its options. */
export interface TransportDeps extends ExchangeDeps {
  endpoints: EndpointSet;
  /** Paces Remote API requests; the Local API and the API Service are not throttled. */
  pacer: Pacer;
  writes: WriteGate;
}

/** How many times a throttled (429) request is retried on the same endpoint before giving up. */
const THROTTLE_RETRIES = 2;

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
      const once = () => exchange(this.deps, endpoint, spec, isWrite);
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
}

/** Failures that say the endpoint (or the office behind it) did not answer: the cascade moves on. */
const UNREACHABLE: ReadonlySet<OdErrorCode> = new Set([
  OdErrorCode.NETWORK,
  OdErrorCode.TIMEOUT,
  OdErrorCode.SERVER_ERROR,
  OdErrorCode.GATEWAY_TIMEOUT,
  OdErrorCode.OFFICE_UNREACHABLE,
]);
