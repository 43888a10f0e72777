import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { exportSPKI } from "jose";
import { UserAuthFailure } from "../src/users/auth-failure.ts";
import { MAX_USER_TOKEN_CHARS } from "../src/users/user-token-verifier.ts";
import { SECRET_B, type UserAuthWorld, userAuthWorld } from "./support/user-auth-world.ts";
import { mintToken, providerKey, unsignedToken } from "./support/user-tokens.ts";

let world: UserAuthWorld;
beforeEach(async () => {
  world = await userAuthWorld();
});
afterEach(() => world.stop());

const refusal = async (token: string | undefined, expectedClinic?: string) => {
  const result = await world.verifier.verify(token, expectedClinic);
  return result.ok ? "accepted" : result.reason;
};

describe("valid tokens", () => {
  test("an HS256 token of a shared-secret clinic gives the user, role, clinic and expiry", async () => {
    const exp = world.nowS() + 600;
    const result = await world.verifier.verify(await world.hsToken({ sub: "auth0|doc-7", role: "doctor", exp }));
    expect(result).toEqual({
      ok: true,
      user: { id: "auth0|doc-7", role: "doctor", clinicId: "clinic-a", expiresAtMs: exp * 1000 },
    });
  });

  test.each(["rs", "es", "ed"] as const)(
    "a %s token of a JWKS clinic is verified with the published key",
    async (name) => {
      const result = await world.verifier.verify(await world.jwksToken(world.keys[name], { role: "pharmacist" }));
      expect(result.ok && result.user).toMatchObject({ role: "pharmacist", clinicId: "clinic-j" });
    },
  );

  test("aud may be a list that includes the clinic's audience", async () => {
    expect(await refusal(await world.hsToken({ aud: ["other-api", "sofia-hub"] }))).toBe("accepted");
  });

  test("exp and nbf get the clinic's clock-skew allowance (30 s by default)", async () => {
    expect(await refusal(await world.hsToken({ exp: world.nowS() - 25 }))).toBe("accepted");
    expect(await refusal(await world.hsToken({ nbf: world.nowS() + 25 }))).toBe("accepted");
  });
});

describe("every refusal has its reason", () => {
  test("no token", async () => {
    expect(await refusal(undefined)).toBe(UserAuthFailure.NO_TOKEN);
    expect(await refusal("")).toBe(UserAuthFailure.NO_TOKEN);
  });

  test.each([
    ["not a JWT", "hello"],
    ["three parts of garbage", "a.b.c"],
    ["a header that is not JSON", `${Buffer.from("{").toString("base64url")}.e30.sig`],
    ["over the size limit", `${"a".repeat(MAX_USER_TOKEN_CHARS)}.b.c`],
  ])("malformed: %s", async (_, token) => {
    expect(await refusal(token)).toBe(UserAuthFailure.MALFORMED);
  });

  test("expired beyond the skew allowance", async () => {
    expect(await refusal(await world.hsToken({ exp: world.nowS() - 31 }))).toBe(UserAuthFailure.EXPIRED);
  });

  test("a token that expires while the clock moves on is then refused", async () => {
    const token = await world.hsToken({ exp: world.nowS() + 60 });
    expect(await refusal(token)).toBe("accepted");
    world.clock.advance(91_000);
    expect(await refusal(token)).toBe(UserAuthFailure.EXPIRED);
  });

  test("not yet valid beyond the skew allowance", async () => {
    expect(await refusal(await world.hsToken({ nbf: world.nowS() + 60 }))).toBe(UserAuthFailure.NOT_YET_VALID);
  });

  test("wrong issuer", async () => {
    expect(await refusal(await world.hsToken({ iss: "https://evil.example/" }))).toBe(UserAuthFailure.WRONG_ISSUER);
  });

  test("wrong audience", async () => {
    expect(await refusal(await world.hsToken({ aud: "another-api" }))).toBe(UserAuthFailure.WRONG_AUDIENCE);
  });

  test("alg: none, for a secret clinic and a JWKS clinic", async () => {
    const claims = { sub: "u-1", role: "admin", iss: "https://id.example-clinic.org/", aud: "sofia-hub" };
    for (const clinic of ["clinic-a", "clinic-j"]) {
      const token = unsignedToken({ ...claims, clinic, exp: world.nowS() + 600 });
      expect(await refusal(token)).toBe(UserAuthFailure.ALG_NOT_ALLOWED);
    }
  });

  test("HS256 signed with the clinic's RS256 public key (algorithm confusion)", async () => {
    const pem = await exportSPKI(world.keys.rs.publicKey);
    for (const secret of [pem, world.keys.rs.jwk.n ?? ""]) {
      const token = await mintToken(new TextEncoder().encode(secret), "HS256", {
        sub: "u-1",
        role: "admin",
        clinic: "clinic-j",
        kid: "rs-1",
        iss: "https://id.example-clinic.org/",
        aud: "sofia-hub",
        exp: world.nowS() + 600,
      });
      expect(await refusal(token)).toBe(UserAuthFailure.ALG_NOT_ALLOWED);
    }
    expect(world.jwks.requests).toBe(0);
  });

  test("an RS256 token for a shared-secret clinic", async () => {
    const token = await world.jwksToken(world.keys.rs, { clinic: "clinic-a" });
    expect(await refusal(token)).toBe(UserAuthFailure.ALG_NOT_ALLOWED);
  });

  test("an algorithm the clinic did not list", async () => {
    const only = world.configs.get("clinic-j");
    if (only?.keys.kind !== "jwks") throw new Error("clinic-j uses a JWKS");
    world.configs.set("clinic-j", { ...only, keys: { ...only.keys, algorithms: ["ES256"] } });
    expect(await refusal(await world.jwksToken(world.keys.es))).toBe("accepted");
    expect(await refusal(await world.jwksToken(world.keys.rs))).toBe(UserAuthFailure.ALG_NOT_ALLOWED);
  });

  test("unknown kid", async () => {
    const stranger = await providerKey("RS256", "not-published");
    expect(await refusal(await world.jwksToken(stranger))).toBe(UserAuthFailure.UNKNOWN_KID);
  });

  test("a published kid with a signature from another key", async () => {
    const impostor = await providerKey("RS256", "rs-1");
    expect(await refusal(await world.jwksToken(impostor))).toBe(UserAuthFailure.BAD_SIGNATURE);
  });

  test("another clinic's secret", async () => {
    expect(await refusal(await world.hsToken({}, SECRET_B))).toBe(UserAuthFailure.BAD_SIGNATURE);
  });

  test("a valid token of another clinic where one clinic is expected", async () => {
    const token = await world.hsToken({ clinic: "clinic-b" }, SECRET_B);
    expect(await refusal(token)).toBe("accepted");
    expect(await refusal(token, "clinic-a")).toBe(UserAuthFailure.WRONG_CLINIC);
  });

  test("a clinic without user authentication", async () => {
    expect(await refusal(await world.hsToken({ clinic: "clinic-z" }))).toBe(UserAuthFailure.WRONG_CLINIC);
  });

  test.each([
    ["an unknown role", { role: "nurse" }],
    ["no role", { role: null }],
    ["no sub", { sub: null }],
    ["a sub with a space", { sub: "a b" }],
    ["no clinic", { clinic: null }],
    ["no exp", { exp: null }],
  ])("bad claims: %s", async (_, spec) => {
    expect(await refusal(await world.hsToken(spec))).toBe(UserAuthFailure.BAD_CLAIMS);
  });
});
