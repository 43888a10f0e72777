import { createHmac, timingSafeEqual } from "node:crypto";

/** Why a signed link was refused. The HTTP answer is the same `403` for all of them. */
export type LinkRejection = "malformed" | "expired" | "bad_signature";

/** `exp` as the signer writes it: unix seconds, no sign, no leading zero. */
const CANONICAL_EXP = /^[1-9]\d{0,11}$/;
/** An unpadded base64url HMAC-SHA256: 43 characters. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Signs and checks time-limited download links: `?exp=<unix seconds>&sig=<base64url HMAC-SHA256
 * over "<path>\n<exp>">`. Binding the path means a signature for one report (or one format) is
 * useless for any other; binding the expiry means it cannot be extended.
 *
 * Exactly one link is valid for a path and expiry: the signature is compared as the text the
 * signer wrote, not as decoded bytes (43 base64url characters carry 258 bits, so decoding would let
 * four strings differing in the last character's two spare bits verify), and `exp` must be written
 * as the signer writes it (no leading zeros).
 */
export class LinkSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlMs: number,
  ) {}

  /** The query string (`exp=...&sig=...`) that makes `path` downloadable until now + ttl. */
  sign(path: string, nowMs: number): string {
    const exp = Math.floor((nowMs + this.ttlMs) / 1000);
    return `exp=${exp}&sig=${this.signature(path, exp)}`;
  }

  /** Checks a link's `exp` and `sig` for `path` at time `nowMs`. */
  verify(path: string, exp: string | undefined, sig: string | undefined, nowMs: number): LinkRejection | null {
    if (!exp || !sig || !CANONICAL_EXP.test(exp) || !SIGNATURE.test(sig)) return "malformed";
    const expected = Buffer.from(this.signature(path, Number(exp)), "latin1");
    const given = Buffer.from(sig, "latin1");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad_signature";
    return Number(exp) * 1000 <= nowMs ? "expired" : null;
  }

  private signature(path: string, exp: number): string {
    return createHmac("sha256", this.secret).update(`${path}\n${exp}`).digest("base64url");
  }
}
