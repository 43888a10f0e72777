import { createHmac } from "node:crypto";
import { sameSecret } from "../secret.ts";

/**
 * The setup forms' CSRF token, derived from the per-install key: a page another site shows in the
 * clinic's browser cannot read it (same-origin policy), so it cannot post the forms, even if the
 * browser sent the cookie. Stable across restarts, so an open tab keeps working.
 */
export function csrfToken(secret: string): string {
  return createHmac("sha256", secret).update("sofia-agent setup csrf").digest("base64url");
}

/** Whether a form carried this install's token. */
export function validCsrf(given: string | undefined, secret: string): boolean {
  return given !== undefined && sameSecret(given, csrfToken(secret));
}
