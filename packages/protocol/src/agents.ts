import { z } from "zod";

/** Body of `POST /v1/agents/enroll`: a one-time enrollment code and what the device is. */
export const EnrollRequest = z.object({
  code: z.string().min(1).max(64),
  device: z.object({
    name: z.string().min(1).max(100),
    hostname: z.string().max(255).optional(),
    os: z.string().max(64).optional(),
    version: z.string().max(64).optional(),
  }),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

/** Answer to a successful enrollment (`201`). The device token is shown once. */
export const EnrollResponse = z.object({
  agent_id: z.string(),
  device_token: z.string(),
  doctor_id: z.string(),
  clinic_id: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** The characters of an enrollment code (Crockford's base 32: no I, L, O or U to misread). */
export const ENROLLMENT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * An enrollment code as a person may type it (`K7QM-2D9X-F4TB-8NWE`, any case, dashes or spaces
 * anywhere) reduced to its 16 characters, or `null` when it cannot be a code, so a typo is told
 * apart from a code the hub refuses.
 */
export function normalizeEnrollmentCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== 16) return null;
  return [...compact].every((c) => ENROLLMENT_CODE_ALPHABET.includes(c)) ? compact : null;
}
