import type { Clock } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { JWSHeaderParameters } from "jose";
import type { ClinicAuthConfig } from "./clinic-auth-config.ts";
import { DEFAULT_JWKS_POLICY, JwksCache, type JwksPolicy, type KeyLookup } from "./jwks-cache.ts";

/** A verification key: an HMAC secret's bytes or a public key from a JWKS. */
export type VerificationKey = { ok: true; key: CryptoKey | Uint8Array } | Extract<KeyLookup, { ok: false }>;

/**
 * The verification keys of every clinic: the secret's bytes for shared-secret clinics, and one
 * {@link JwksCache} per JWKS URL (clinics that share an identity provider share its cache).
 */
export class ClinicKeyring {
  private readonly caches = new Map<string, JwksCache>();

  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly policy: JwksPolicy = DEFAULT_JWKS_POLICY,
  ) {}

  /** The key to verify a token with the given header under `config`. */
  async keyFor(config: ClinicAuthConfig, header: JWSHeaderParameters): Promise<VerificationKey> {
    if (config.keys.kind === "shared_secret") return { ok: true, key: new TextEncoder().encode(config.keys.secret) };
    return this.cacheFor(config.keys.url).keyFor(header);
  }

  /** The cache of one JWKS URL (created on first use). */
  cacheFor(url: string): JwksCache {
    let cache = this.caches.get(url);
    if (!cache) {
      cache = new JwksCache(url, this.fetchFn, this.clock, this.log, this.policy);
      this.caches.set(url, cache);
    }
    return cache;
  }
}
