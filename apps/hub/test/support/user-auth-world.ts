import { silentLogger } from "@sofia/runtime/log";
import { FakeClock } from "@sofia/testing";
import type { ClinicAuthConfig } from "../../src/users/clinic-auth-config.ts";
import { ClinicKeyring } from "../../src/users/clinic-keyring.ts";
import { DEFAULT_JWKS_POLICY, type JwksPolicy } from "../../src/users/jwks-cache.ts";
import { UserTokenVerifier } from "../../src/users/user-token-verifier.ts";
import { clinicAuth, JwksServer, mintToken, type ProviderKey, providerKey, type TokenSpec } from "./user-tokens.ts";

export const SECRET_A = "clinic-a-shared-secret-0123456789abcdef";
export const SECRET_B = "clinic-b-shared-secret-fedcba9876543210";
export const ISSUER = "https://id.example-clinic.org/";
export const AUDIENCE = "sofia-hub";

/**
 * Three clinics as the tests meet them: `clinic-a` and `clinic-b` sign with their own shared
 * secrets; `clinic-j` publishes RS256, ES256 and EdDSA keys on a real JWKS server.
 */
export interface UserAuthWorld {
  clock: FakeClock;
  jwks: JwksServer;
  keys: { rs: ProviderKey; es: ProviderKey; ed: ProviderKey };
  configs: Map<string, ClinicAuthConfig>;
  keyring: ClinicKeyring;
  verifier: UserTokenVerifier;
  /** Now, in JWT seconds. */
  nowS(): number;
  /** A valid HS256 token of `clinic-a` unless `spec` says otherwise. */
  hsToken(spec?: TokenSpec, secret?: string): Promise<string>;
  /** A valid token of `clinic-j` signed with one of its JWKS keys. */
  jwksToken(key: ProviderKey, spec?: TokenSpec): Promise<string>;
  stop(): Promise<void>;
}

export async function userAuthWorld(policy: Partial<JwksPolicy> = {}): Promise<UserAuthWorld> {
  const clock = new FakeClock();
  const jwks = new JwksServer();
  const keys = {
    rs: await providerKey("RS256", "rs-1"),
    es: await providerKey("ES256", "es-1"),
    ed: await providerKey("EdDSA", "ed-1"),
  };
  jwks.keys = [keys.rs.jwk, keys.es.jwk, keys.ed.jwk];
  const common = { issuer: ISSUER, audience: AUDIENCE };
  const configs = new Map<string, ClinicAuthConfig>([
    ["clinic-a", clinicAuth({ clinicId: "clinic-a", ...common, keys: { kind: "shared_secret", secret: SECRET_A } })],
    ["clinic-b", clinicAuth({ clinicId: "clinic-b", ...common, keys: { kind: "shared_secret", secret: SECRET_B } })],
    ["clinic-j", clinicAuth({ clinicId: "clinic-j", ...common, keys: { kind: "jwks", url: jwks.url } })],
  ]);
  const keyring = new ClinicKeyring(fetch, clock, silentLogger, { ...DEFAULT_JWKS_POLICY, ...policy });
  const verifier = new UserTokenVerifier(async (id) => configs.get(id) ?? null, keyring, clock, silentLogger);
  const nowS = () => Math.floor(clock.now() / 1000);
  const base = (spec: TokenSpec) => ({
    iss: ISSUER,
    aud: AUDIENCE,
    exp: nowS() + 600,
    sub: "u-1",
    role: "patient",
    ...spec,
  });
  return {
    clock,
    jwks,
    keys,
    configs,
    keyring,
    verifier,
    nowS,
    hsToken: (spec = {}, secret = SECRET_A) =>
      mintToken(new TextEncoder().encode(secret), "HS256", { clinic: "clinic-a", ...base(spec) }),
    jwksToken: (key, spec = {}) =>
      mintToken(key.privateKey, key.alg, { clinic: "clinic-j", kid: key.kid, ...base(spec) }),
    stop: () => jwks.stop(),
  };
}
