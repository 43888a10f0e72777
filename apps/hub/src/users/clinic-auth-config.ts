import { ExternalId } from "@sofia/protocol";
import { z } from "zod";

/** HS256 secrets shorter than the hash (RFC 7518 §3.2: at least 256 bits) are refused. */
export const MIN_SHARED_SECRET_BYTES = 32;

/** Clock-skew allowance for `exp` and `nbf` when a clinic sets none: 30 seconds. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;

/** The largest clock-skew allowance a clinic may set: 5 minutes. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Asymmetric algorithms accepted with keys from a JWKS URL. */
export const JWKS_ALGORITHMS = ["RS256", "ES256", "EdDSA"] as const;
export type JwksAlgorithm = (typeof JWKS_ALGORITHMS)[number];

/** The one algorithm accepted with a shared secret. */
export const SHARED_SECRET_ALGORITHM = "HS256";

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** How to read the JWKS URL rule: `allowLoopbackHttp` is the explicit developer flag (`--dev`). */
export interface ClinicAuthConfigRules {
  allowLoopbackHttp: boolean;
}

/**
 * The schema of one clinic's user-authentication settings: who issues its users' tokens, for which
 * audience, and how to verify them (a shared secret, or the issuer's JWKS URL). JWKS URLs are
 * https; plain http only to a loopback address, and only when `rules.allowLoopbackHttp` is set, so
 * a production hub never trusts keys that anyone on the path could replace.
 */
export function clinicAuthConfigSchema(rules: ClinicAuthConfigRules) {
  const keys = z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("shared_secret"),
      secret: z
        .string()
        .max(1024)
        .refine((s) => new TextEncoder().encode(s).length >= MIN_SHARED_SECRET_BYTES, {
          message: `must be at least ${MIN_SHARED_SECRET_BYTES} bytes`,
        }),
    }),
    z.object({
      kind: z.literal("jwks"),
      url: z
        .string()
        .max(2000)
        .refine((url) => jwksUrlAllowed(url, rules), {
          message: rules.allowLoopbackHttp
            ? "must be an https URL (or http to a loopback address)"
            : "must be an https URL",
        }),
      /** Which asymmetric algorithms to accept. Default: all of {@link JWKS_ALGORITHMS}. */
      algorithms: z.array(z.enum(JWKS_ALGORITHMS)).min(1).optional(),
    }),
  ]);
  return z.object({
    clinicId: ExternalId,
    /** The exact `iss` of the clinic's tokens. */
    issuer: z.string().min(1).max(500),
    /** The `aud` the clinic's tokens must name (one of them, if `aud` is a list). */
    audience: z.string().min(1).max(500),
    clockSkewSeconds: z.number().int().min(0).max(MAX_CLOCK_SKEW_SECONDS).default(DEFAULT_CLOCK_SKEW_SECONDS),
    keys,
  });
}

/** The strict schema (no plain http), for production configuration. */
export const ClinicAuthConfig = clinicAuthConfigSchema({ allowLoopbackHttp: false });
/** One clinic's user-authentication settings, parsed. */
export type ClinicAuthConfig = z.infer<typeof ClinicAuthConfig>;

function jwksUrlAllowed(text: string, rules: ClinicAuthConfigRules): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "") return false;
  if (url.protocol === "https:") return true;
  return rules.allowLoopbackHttp && url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname);
}
