/**
 * Why a care-team user's token was refused, grouped by what the web app should do. Unlike doctor
 * keys, a JWT refusal names its reason: a guessed token gains nothing from it, and an integrator
 * needs to know whether the issuer, the audience or the clock is wrong.
 */
export const UserAuthFailure = {
  // ── renew the token (silently, with the identity provider's refresh flow), then reconnect ──
  /** No token was presented. */
  NO_TOKEN: "no_token",
  /** The token's `exp` has passed (beyond the clock-skew allowance). */
  EXPIRED: "expired",

  // ── retry later with backoff: the token may become acceptable ──
  /** The token's `nbf` is still in the future (beyond the clock-skew allowance). */
  NOT_YET_VALID: "not_yet_valid",
  /** No key of the clinic's JWKS has the token's `kid`, even after a refresh (keys may be rotating). */
  UNKNOWN_KID: "unknown_kid",
  /** The clinic's JWKS could not be fetched or read; the identity provider may be down. */
  KEYS_UNAVAILABLE: "keys_unavailable",
  /** Too many refused attempts from this address; wait before trying again. */
  RATE_LIMITED: "rate_limited",

  // ── do not retry automatically: this token will never be accepted ──
  /** Not a compact JWS, undecodable, or over the size limit. */
  MALFORMED: "malformed",
  /** `iss` is not the clinic's issuer. */
  WRONG_ISSUER: "wrong_issuer",
  /** `aud` does not include the clinic's audience. */
  WRONG_AUDIENCE: "wrong_audience",
  /** The signature does not verify with the clinic's secret or keys. */
  BAD_SIGNATURE: "bad_signature",
  /** The header's `alg` is not allowed for the clinic (`none`, or HS256 where keys are RS/ES/EdDSA). */
  ALG_NOT_ALLOWED: "alg_not_allowed",
  /** The token's clinic is not the one expected, or has no user authentication configured. */
  WRONG_CLINIC: "wrong_clinic",
  /** `sub`, `role`, `clinic` or `exp` is missing or invalid. */
  BAD_CLAIMS: "bad_claims",
  /** The page's origin is not among its clinic's allowed origins (`sofia-hub clinics origins`). */
  ORIGIN_NOT_ALLOWED: "origin_not_allowed",
} as const;
export type UserAuthFailure = (typeof UserAuthFailure)[keyof typeof UserAuthFailure];

/** What a web app should do after a refusal. */
export type UserAuthAdvice = "renew_token" | "retry_later" | "give_up";

/** The advice for every refusal; sent to clients with the reason. */
export const USER_AUTH_ADVICE: Readonly<Record<UserAuthFailure, UserAuthAdvice>> = {
  no_token: "renew_token",
  expired: "renew_token",
  not_yet_valid: "retry_later",
  unknown_kid: "retry_later",
  keys_unavailable: "retry_later",
  rate_limited: "retry_later",
  malformed: "give_up",
  wrong_issuer: "give_up",
  wrong_audience: "give_up",
  bad_signature: "give_up",
  alg_not_allowed: "give_up",
  wrong_clinic: "give_up",
  bad_claims: "give_up",
  origin_not_allowed: "give_up",
};
