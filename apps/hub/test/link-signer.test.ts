import { describe, expect, test } from "bun:test";
import { LinkSigner } from "../src/downloads/link-signer.ts";

const signer = new LinkSigner("a-secret-that-is-long-enough-for-tests", 15 * 60_000);
const path = "/v1/reports/rep_A/report.docx";
const now = Date.parse("2026-11-21T10:00:00Z");
const params = (query: string) => new URLSearchParams(query);

describe("signed download links", () => {
  const query = params(signer.sign(path, now));
  const exp = query.get("exp") ?? "";
  const sig = query.get("sig") ?? "";

  test("a fresh link is valid until it expires 15 minutes later", () => {
    expect(signer.verify(path, exp, sig, now)).toBeNull();
    expect(signer.verify(path, exp, sig, now + 15 * 60_000 - 1000)).toBeNull();
    expect(signer.verify(path, exp, sig, now + 15 * 60_000)).toBe("expired");
  });

  test("a link for another report or format is refused", () => {
    expect(signer.verify("/v1/reports/rep_B/report.docx", exp, sig, now)).toBe("bad_signature");
    expect(signer.verify("/v1/reports/rep_A/report.pdf", exp, sig, now)).toBe("bad_signature");
  });

  test("a pushed-back expiry is refused", () => {
    expect(signer.verify(path, String(Number(exp) + 3600), sig, now)).toBe("bad_signature");
  });

  test("a tampered signature is refused", () => {
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    expect(signer.verify(path, exp, flipped, now)).toBe("bad_signature");
  });

  test("missing or malformed parameters are refused", () => {
    expect(signer.verify(path, undefined, sig, now)).toBe("malformed");
    expect(signer.verify(path, exp, undefined, now)).toBe("malformed");
    expect(signer.verify(path, "12abc", sig, now)).toBe("malformed");
    expect(signer.verify(path, exp, "short", now)).toBe("malformed");
  });

  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  test("exactly one signature string is valid: every other character at every position is refused", () => {
    // 43 base64url characters carry 258 bits for a 256-bit MAC; the last character's two spare
    // bits must not make four strings verify (issue 13, defect 2).
    let accepted = 0;
    for (let i = 0; i < sig.length; i++) {
      for (const c of ALPHABET) {
        if (c === sig[i]) continue;
        const tampered = `${sig.slice(0, i)}${c}${sig.slice(i + 1)}`;
        if (signer.verify(path, exp, tampered, now) === null) accepted++;
      }
    }
    expect(accepted).toBe(0);
  });

  test("the expiry is read exactly as signed: leading zeros or signs are not the same expiry", () => {
    expect(signer.verify(path, `0${exp}`, sig, now)).not.toBeNull();
    expect(signer.verify(path, `+${exp}`, sig, now)).not.toBeNull();
    expect(signer.verify(path, `${exp}.0`, sig, now)).not.toBeNull();
  });

  test("another secret's links are refused", () => {
    const other = new LinkSigner("another-secret-that-is-long-enough", 15 * 60_000);
    expect(other.verify(path, exp, sig, now)).toBe("bad_signature");
  });
});
