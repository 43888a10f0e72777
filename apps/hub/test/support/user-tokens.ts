import type { Server } from "bun";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { type ClinicAuthConfig, clinicAuthConfigSchema } from "../../src/users/clinic-auth-config.ts";

/** An asymmetric key pair of the identity provider, with its public JWK as published. */
export interface ProviderKey {
  kid: string;
  alg: "RS256" | "ES256" | "EdDSA";
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

/** Makes a signing key pair with an extractable public key and its JWK. */
export async function providerKey(alg: ProviderKey["alg"], kid: string): Promise<ProviderKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { kid, alg, privateKey, publicKey, jwk };
}

/**
 * An identity provider's JWKS endpoint on a real Bun server (ephemeral port). `keys` and
 * `status` can change between requests (rotation, outage); `requests` counts fetches.
 */
export class JwksServer {
  keys: JWK[] = [];
  status = 200;
  body: string | null = null;
  requests = 0;
  private readonly server: Server<undefined>;

  constructor() {
    this.server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: () => {
        this.requests++;
        if (this.status !== 200) return new Response("down", { status: this.status });
        return new Response(this.body ?? JSON.stringify({ keys: this.keys }), {
          headers: { "content-type": "application/jwk-set+json" },
        });
      },
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}/.well-known/jwks.json`;
  }

  stop(): Promise<void> {
    return this.server.stop(true);
  }
}

/** Parses a test clinic's settings as a developer hub would (plain http JWKS on loopback allowed). */
export function clinicAuth(config: unknown): ClinicAuthConfig {
  return clinicAuthConfigSchema({ allowLoopbackHttp: true }).parse(config);
}

/** Claims and header of a token to mint; `null` leaves a claim out. */
export interface TokenSpec {
  sub?: string | null;
  role?: string | null;
  clinic?: string | null;
  iss?: string;
  aud?: string | string[];
  /** Seconds since the epoch; `null` for no `exp`. */
  exp?: number | null;
  nbf?: number;
  kid?: string;
}

/** Signs a user token with `key` (an HMAC secret's bytes or a private key) and `alg`. */
export function mintToken(
  key: CryptoKey | Uint8Array,
  alg: string,
  spec: TokenSpec & { iss: string; aud: string | string[] },
): Promise<string> {
  const claims: Record<string, unknown> = {};
  for (const name of ["sub", "role", "clinic"] as const) if (spec[name] !== null) claims[name] = spec[name];
  const jwt = new SignJWT(claims)
    .setProtectedHeader(spec.kid ? { alg, kid: spec.kid, typ: "JWT" } : { alg, typ: "JWT" })
    .setIssuer(spec.iss)
    .setAudience(spec.aud);
  if (spec.exp !== null && spec.exp !== undefined) jwt.setExpirationTime(spec.exp);
  if (spec.nbf !== undefined) jwt.setNotBefore(spec.nbf);
  return jwt.sign(key);
}

/** A JWT with `alg: none` and no signature, as an attacker would send it. */
export function unsignedToken(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(payload)}.`;
}
