import { errors } from "jose";
import { UserAuthFailure } from "./auth-failure.ts";

/**
 * The refusal a jose verification error stands for, or `null` for an error that is not about the
 * token (a bug or a runtime fault, which the caller must not pass off as the user's fault).
 */
export function failureOfJoseError(error: unknown): UserAuthFailure | null {
  if (error instanceof errors.JWTExpired) return UserAuthFailure.EXPIRED;
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf" && error.reason === "check_failed") return UserAuthFailure.NOT_YET_VALID;
    if (error.claim === "iss") return UserAuthFailure.WRONG_ISSUER;
    if (error.claim === "aud") return UserAuthFailure.WRONG_AUDIENCE;
    return UserAuthFailure.BAD_CLAIMS;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return UserAuthFailure.BAD_SIGNATURE;
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return UserAuthFailure.ALG_NOT_ALLOWED;
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return UserAuthFailure.UNKNOWN_KID;
  }
  // A key in the JWKS that jose cannot import is the provider's fault, not the token's.
  if (error instanceof errors.JWKInvalid || error instanceof errors.JWKSInvalid)
    return UserAuthFailure.KEYS_UNAVAILABLE;
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return UserAuthFailure.MALFORMED;
  return null;
}
