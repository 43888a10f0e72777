import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** The kinds of bearer secret the hub issues, by the prefix that starts each one. */
export const CREDENTIAL_PREFIX = {
  doctor_key: "sdk",
  producer_token: "spt",
  device_token: "sdt",
} as const;
export type CredentialKind = keyof typeof CREDENTIAL_PREFIX;

/** A freshly issued secret: the public id (safe to log and to revoke by) and the full text. */
export interface IssuedSecret {
  id: string;
  kind: CredentialKind;
  secret: string;
  hash: string;
}

const SHAPE = /^(sdk|spt|sdt)_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
const KIND_OF_PREFIX: Record<string, CredentialKind> = {
  sdk: "doctor_key",
  spt: "producer_token",
  sdt: "device_token",
};

/**
 * Issues a new secret such as `sdk_0f3a9c2e7b1d4a65_<43 random chars>`. The middle part is the
 * credential id; the store keeps only the SHA-256 of the whole text. A salted slow hash is not
 * needed: 256 random bits cannot be guessed, and a fast hash keeps authentication cheap.
 */
export function issueSecret(kind: CredentialKind): IssuedSecret {
  const id = randomBytes(8).toString("hex");
  const secret = `${CREDENTIAL_PREFIX[kind]}_${id}_${randomBytes(32).toString("base64url")}`;
  return { id: `${CREDENTIAL_PREFIX[kind]}_${id}`, kind, secret, hash: hashSecret(secret) };
}

/** The id a presented secret claims, or `null` when it does not even have the right shape. */
export function parseSecret(secret: string): { id: string; kind: CredentialKind } | null {
  const match = SHAPE.exec(secret);
  const kind = KIND_OF_PREFIX[match?.[1] ?? ""];
  if (!match || !kind) return null;
  return { id: `${match[1]}_${match[2]}`, kind };
}

/** SHA-256 of a secret, hex. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
