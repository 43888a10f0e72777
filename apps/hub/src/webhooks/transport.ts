import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { type DestinationRules, type HostResolver, vetDestination } from "./destination.ts";

/** What became of one webhook call. */
export type CallOutcome =
  | { kind: "answered"; status: number }
  /** The destination is not one the hub may call (now: DNS may have changed since registration). */
  | { kind: "refused"; reason: string }
  /** No answer: connection refused or reset, TLS failure, timeout. */
  | { kind: "no_answer"; reason: string };

/** How webhook calls leave the hub. */
export interface WebhookTransport {
  /** Checks a URL a producer registers; `null` when the hub may call it, else why not. */
  vet(url: string): Promise<string | null>;
  /** POSTs `body`; never throws. */
  post(url: string, headers: Record<string, string>, body: string): Promise<CallOutcome>;
}

/**
 * Calls webhooks over node:http(s), connecting only to an address {@link vetDestination} allowed
 * for this very call: the socket's `lookup` returns the vetted address instead of resolving the
 * name again, which closes the window in which a DNS answer could change between the check and
 * the connection (DNS rebinding). TLS still verifies the certificate against the URL's host name.
 * No redirects are followed, no connection is reused, and the answer's body is not read.
 */
export class PinnedTransport implements WebhookTransport {
  /** `ca`: certificate authorities to trust instead of the system's (a private CA; tests). */
  constructor(
    private readonly resolve: HostResolver,
    private readonly rules: DestinationRules,
    private readonly timeoutMs: number,
    private readonly ca?: string,
  ) {}

  async vet(url: string): Promise<string | null> {
    const destination = await vetDestination(url, this.resolve, this.rules);
    return destination.ok ? null : destination.reason;
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<CallOutcome> {
    const destination = await vetDestination(url, this.resolve, this.rules);
    if (!destination.ok) return { kind: "refused", reason: `${destination.reason}: ${destination.detail}` };
    const { address, family } = destination;
    const target = destination.url;
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<CallOutcome>((settle) => {
      const call = send(
        target,
        {
          method: "POST",
          headers: { ...headers, host: target.host, "content-length": String(Buffer.byteLength(body)) },
          lookup,
          agent: false,
          ...(this.ca ? { ca: this.ca } : {}),
          signal: AbortSignal.timeout(this.timeoutMs),
        },
        (response) => {
          settle({ kind: "answered", status: response.statusCode ?? 0 });
          response.destroy();
        },
      );
      call.on("error", (error) => settle({ kind: "no_answer", reason: error.message.slice(0, 200) }));
      call.end(body);
    });
  }
}
