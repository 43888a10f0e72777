import { MAX_CREDENTIAL_CHARS } from "@sofia/protocol";

/** The token of an `Authorization: Bearer <token>` header, or `null` when absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  return token && token.length <= MAX_CREDENTIAL_CHARS ? token : null;
}
