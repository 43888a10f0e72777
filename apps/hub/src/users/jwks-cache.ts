import type { Clock } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import { createLocalJWKSet, errors, type JWSHeaderParameters, type LocalJWKSet } from "jose";
import { z } from "zod";
import { readBoundedText } from "../http/bounded-text.ts";

/** How a clinic's JWKS is fetched and kept. */
export interface JwksPolicy {
  /** Keys are re-fetched after this long even when every `kid` is known. Default 10 minutes. */
  maxAgeMs: number;
  /**
   * At most one fetch per this interval, whatever happens: tokens with unknown `kid`s (or a JWKS
   * server that keeps failing) cannot make the hub hammer the identity provider. Default 30 s.
   */
  minRefreshIntervalMs: number;
  /** A fetch that takes longer is abandoned. Default 5 s. */
  timeoutMs: number;
  /** A larger JWKS document is refused. Default 64 KiB. */
  maxBytes: number;
}

export const DEFAULT_JWKS_POLICY: JwksPolicy = {
  maxAgeMs: 10 * 60_000,
  minRefreshIntervalMs: 30_000,
  timeoutMs: 5_000,
  maxBytes: 64 * 1024,
};

// Only the shape jose needs to pick a key; jose validates each key's own parameters. At most 100
// keys: real key sets hold a handful (current, next, previous).
const JwksDocument = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().max(256).optional() })).max(100),
});

/** A key for a token's header, or why there is none. */
export type KeyLookup = { ok: true; key: CryptoKey } | { ok: false; reason: "unknown_kid" | "keys_unavailable" };

/**
 * The keys of one JWKS URL: fetched on first use, kept for `maxAgeMs`, re-fetched at once when a
 * token names an unknown `kid` (the provider rotated its keys) but never more often than
 * `minRefreshIntervalMs`. Concurrent lookups share one fetch. When a refresh fails, the keys
 * already held stay in use, so a provider outage does not lock out users with current tokens.
 */
export class JwksCache {
  private keys: LocalJWKSet | null = null;
  private fetchedAtMs = Number.NEGATIVE_INFINITY;
  private attemptedAtMs = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  /** How many fetches were started (for tests and metrics). */
  fetches = 0;

  constructor(
    readonly url: string,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly policy: JwksPolicy = DEFAULT_JWKS_POLICY,
  ) {}

  /** The key for a token's protected header (selected by `kid`, `alg` and key type). */
  async keyFor(header: JWSHeaderParameters): Promise<KeyLookup> {
    if (this.clock.now() - this.fetchedAtMs >= this.policy.maxAgeMs) await this.refresh();
    if (!this.keys) return { ok: false, reason: "keys_unavailable" };
    const first = await select(this.keys, header);
    if (first) return { ok: true, key: first };
    const before = this.keys;
    await this.refresh();
    const second = this.keys !== before ? await select(this.keys, header) : null;
    return second ? { ok: true, key: second } : { ok: false, reason: "unknown_kid" };
  }

  private refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.clock.now() - this.attemptedAtMs < this.policy.minRefreshIntervalMs) return Promise.resolve();
    this.attemptedAtMs = this.clock.now();
    this.fetches++;
    this.inFlight = this.fetchKeys().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const response = await this.fetchFn(this.url, {
        headers: { accept: "application/jwk-set+json, application/json" },
        redirect: "error",
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}`);
      }
      const body = await readBoundedText(response, this.policy.maxBytes);
      if (!body.ok) throw new Error(`body ${body.reason}`);
      const document = JwksDocument.parse(JSON.parse(body.text));
      // Symmetric keys never come from a URL (a published HMAC secret lets anyone sign), and a
      // document carrying private parameters is misconfigured: use neither.
      const keys = document.keys.filter((key) => key.kty !== "oct" && !("d" in key));
      this.keys = createLocalJWKSet({ keys });
      this.fetchedAtMs = this.clock.now();
    } catch (error) {
      this.log.warn("jwks fetch failed", { url: this.url, error: describe(error), keptKeys: this.keys !== null });
    }
  }
}

async function select(keys: LocalJWKSet, header: JWSHeaderParameters): Promise<CryptoKey | null> {
  try {
    return await keys(header);
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return null;
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
