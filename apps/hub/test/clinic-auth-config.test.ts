import { describe, expect, test } from "bun:test";
import {
  ClinicAuthConfig,
  clinicAuthConfigSchema,
  DEFAULT_CLOCK_SKEW_SECONDS,
  MIN_SHARED_SECRET_BYTES,
} from "../src/users/clinic-auth-config.ts";

const base = { clinicId: "clinic-a", issuer: "https://id.example.org/", audience: "sofia-hub" };
const secret = (value: string) => ({ ...base, keys: { kind: "shared_secret", secret: value } });
const jwks = (url: string) => ({ ...base, keys: { kind: "jwks", url } });
const dev = clinicAuthConfigSchema({ allowLoopbackHttp: true });

describe("clinic auth settings", () => {
  test("a shared secret needs at least 32 bytes", () => {
    expect(ClinicAuthConfig.safeParse(secret("x".repeat(MIN_SHARED_SECRET_BYTES))).success).toBe(true);
    expect(ClinicAuthConfig.safeParse(secret("x".repeat(MIN_SHARED_SECRET_BYTES - 1))).success).toBe(false);
    // Bytes, not characters: 16 two-byte characters are enough.
    expect(ClinicAuthConfig.safeParse(secret("é".repeat(16))).success).toBe(true);
  });

  test("the clock-skew allowance defaults to 30 s and is at most 5 minutes", () => {
    expect(ClinicAuthConfig.parse(secret("x".repeat(40))).clockSkewSeconds).toBe(DEFAULT_CLOCK_SKEW_SECONDS);
    expect(ClinicAuthConfig.safeParse({ ...secret("x".repeat(40)), clockSkewSeconds: 301 }).success).toBe(false);
  });

  test("a JWKS URL is https in production", () => {
    expect(ClinicAuthConfig.safeParse(jwks("https://id.example.org/.well-known/jwks.json")).success).toBe(true);
    for (const url of [
      "http://127.0.0.1:8080/jwks",
      "http://localhost/jwks",
      "ftp://id.example.org/jwks",
      "jwks.json",
    ]) {
      expect(ClinicAuthConfig.safeParse(jwks(url)).success).toBe(false);
    }
  });

  test("with the developer flag, plain http is allowed to loopback addresses only", () => {
    for (const url of ["http://127.0.0.1:8080/jwks", "http://localhost:3000/jwks", "http://[::1]/jwks"]) {
      expect(dev.safeParse(jwks(url)).success).toBe(true);
    }
    for (const url of ["http://10.0.0.5/jwks", "http://id.example.org/jwks", "http://localhost.example.org/jwks"]) {
      expect(dev.safeParse(jwks(url)).success).toBe(false);
    }
  });

  test("a JWKS URL may not carry credentials, and only asymmetric algorithms may be listed", () => {
    expect(ClinicAuthConfig.safeParse(jwks("https://user:pw@id.example.org/jwks")).success).toBe(false);
    const listed = (algorithms: string[]) => ({
      ...base,
      keys: { kind: "jwks", url: "https://id.example.org/j", algorithms },
    });
    expect(ClinicAuthConfig.safeParse(listed(["ES256", "EdDSA"])).success).toBe(true);
    for (const algorithms of [["HS256"], ["none"], []])
      expect(ClinicAuthConfig.safeParse(listed(algorithms)).success).toBe(false);
  });

  test("the clinic id follows the hub's id rules", () => {
    expect(ClinicAuthConfig.safeParse({ ...secret("x".repeat(40)), clinicId: "a/b" }).success).toBe(false);
  });
});
