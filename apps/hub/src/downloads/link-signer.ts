import { createHmac, timingSafeEqual } from "node:crypto";

/** Why a signed link was refused. The HTTP answer is the same `403` for all of them. */
export type LinkRejection = "malformed" | "expired" | "bad_signature";

/**
 * Signs and checks time-limited download links: `?exp=<unix seconds>&sig=<base64url HMAC-SHA256
 * over "<path>\n<exp>">`. Binding the path means a signature for one report (or one format) is
 * useless for any other; binding the expiry means it cannot be extended.
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
    if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return "malformed";
    const expected = Buffer.from(this.signature(path, Number(exp)), "base64url");
    const given = Buffer.from(sig, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad_signature";
    return Number(exp) * 1000 <= nowMs ? "expired" : null;
  }

  private signature(path: string, exp: number): string {
    return createHmac("sha256", this.secret).update(`${path}\n${exp}`).digest("base64url");
  }
}
