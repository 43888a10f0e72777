import { ExternalId } from "@sofia/protocol";
import type { Clock } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import { decodeJwt, decodeProtectedHeader, type JWSHeaderParameters, jwtVerify } from "jose";
import { UserAuthFailure } from "./auth-failure.ts";
import { type ClinicAuthConfig, JWKS_ALGORITHMS, SHARED_SECRET_ALGORITHM } from "./clinic-auth-config.ts";
import type { ClinicKeyring } from "./clinic-keyring.ts";
import { failureOfJoseError } from "./jose-failure.ts";
import { type AuthenticatedUser, UserClaims } from "./user-claims.ts";

/** Longest token read; longer ones are refused as malformed before any decoding. */
export const MAX_USER_TOKEN_CHARS = 8 * 1024;

/** The outcome of verifying a user token. */
export type UserAuthResult = { ok: true; user: AuthenticatedUser } | { ok: false; reason: UserAuthFailure };

/** Where the verifier finds each clinic's settings (the store, later; a map in tests). */
export type ClinicAuthLookup = (clinicId: string) => Promise<ClinicAuthConfig | null>;

const ANY_ALLOWED: readonly string[] = [SHARED_SECRET_ALGORITHM, ...JWKS_ALGORITHMS];

/**
 * Verifies care-team users' JWTs. The token's own `clinic` claim picks the clinic's settings
 * (read unverified, only to choose the key); then its `alg` must be on that clinic's allow-list:
 * HS256 for a shared secret, RS256/ES256/EdDSA for a JWKS. That list, not the token, decides how
 * it is verified, so `alg: none` and an HS256 token "signed" with a published RSA key never reach
 * a signature check. jose then checks the signature, `iss`, `aud`, `exp` (required) and `nbf`
 * with the clinic's clock-skew allowance, and zod the `sub`, `role` and `clinic` claims.
 */
export class UserTokenVerifier {
  constructor(
    private readonly configFor: ClinicAuthLookup,
    private readonly keyring: ClinicKeyring,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * Verifies `token`. With `expectedClinicId`, a valid token of another clinic is refused as
   * `wrong_clinic` (an endpoint or namespace that belongs to one clinic).
   */
  async verify(token: string | null | undefined, expectedClinicId?: string): Promise<UserAuthResult> {
    if (token === null || token === undefined || token === "") return refuse(UserAuthFailure.NO_TOKEN);
    if (token.length > MAX_USER_TOKEN_CHARS) return refuse(UserAuthFailure.MALFORMED);
    const unverified = decodeUnverified(token);
    if (!unverified) return refuse(UserAuthFailure.MALFORMED);
    const { header, clinic } = unverified;
    if (typeof header.alg !== "string" || !ANY_ALLOWED.includes(header.alg)) {
      return refuse(UserAuthFailure.ALG_NOT_ALLOWED);
    }
    const clinicId = ExternalId.safeParse(clinic);
    if (!clinicId.success) return refuse(UserAuthFailure.BAD_CLAIMS);
    if (expectedClinicId !== undefined && clinicId.data !== expectedClinicId)
      return refuse(UserAuthFailure.WRONG_CLINIC);
    const config = await this.configFor(clinicId.data);
    if (!config) return refuse(UserAuthFailure.WRONG_CLINIC);
    const algorithms = allowedAlgorithms(config);
    if (!algorithms.includes(header.alg)) return refuse(UserAuthFailure.ALG_NOT_ALLOWED);
    try {
      const key = await this.keyring.keyFor(config, header);
      if (!key.ok) return refuse(key.reason);
      const { payload } = await jwtVerify(token, key.key, {
        algorithms: [...algorithms],
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockSkewSeconds,
        currentDate: new Date(this.clock.now()),
        requiredClaims: ["exp"],
      });
      const claims = UserClaims.safeParse(payload);
      // The clinic claim was read unverified to choose the key; the verified one must match.
      if (!claims.success) return refuse(UserAuthFailure.BAD_CLAIMS);
      if (claims.data.clinic !== config.clinicId) return refuse(UserAuthFailure.WRONG_CLINIC);
      const { sub, role, exp } = claims.data;
      return { ok: true, user: { id: sub, role, clinicId: config.clinicId, expiresAtMs: exp * 1000 } };
    } catch (error) {
      const reason = failureOfJoseError(error);
      if (reason) return refuse(reason);
      this.log.error("user token verification failed unexpectedly", {
        clinicId: config.clinicId,
        error: String(error),
      });
      return refuse(UserAuthFailure.KEYS_UNAVAILABLE);
    }
  }
}

function refuse(reason: UserAuthFailure): UserAuthResult {
  return { ok: false, reason };
}

function allowedAlgorithms(config: ClinicAuthConfig): readonly string[] {
  if (config.keys.kind === "shared_secret") return [SHARED_SECRET_ALGORITHM];
  return config.keys.algorithms ?? JWKS_ALGORITHMS;
}

function decodeUnverified(token: string): { header: JWSHeaderParameters; clinic: unknown } | null {
  try {
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    return { header, clinic: payload.clinic };
  } catch {
    return null;
  }
}
