import { createHmac } from "node:crypto";
import { sameSecret } from "./secret.ts";

/**
 * A form's CSRF token: an HMAC of the per-install key and the form's purpose, so only a page this
 * server rendered (which only a holder of the key can load) knows it — another site showing a page
 * in the clinic's browser cannot read it (same-origin policy). Stable across restarts, so an open
 * tab keeps working; one per purpose, so a token leaked from one form does not post another.
 */
export function csrfToken(secret: string, purpose: "review" | "setup"): string {
  const label = purpose === "review" ? "sofia-agent review form" : "sofia-agent setup csrf";
  return createHmac("sha256", secret).update(label).digest("base64url");
}

/** Whether a form carried this install's token for `purpose`. */
export function validCsrf(given: string | undefined, secret: string, purpose: "review" | "setup"): boolean {
  return given !== undefined && sameSecret(given, csrfToken(secret, purpose));
}
