import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { UserAuthFailure } from "../src/users/auth-failure.ts";
import { DEFAULT_JWKS_POLICY } from "../src/users/jwks-cache.ts";
import { type UserAuthWorld, userAuthWorld } from "./support/user-auth-world.ts";
import { providerKey } from "./support/user-tokens.ts";

let world: UserAuthWorld;
beforeEach(async () => {
  world = await userAuthWorld();
});
afterEach(() => world.stop());

const verify = async (token: string) => {
  const result = await world.verifier.verify(token);
  return result.ok ? "accepted" : result.reason;
};
const FLOOR_MS = DEFAULT_JWKS_POLICY.minRefreshIntervalMs;

describe("the JWKS cache", () => {
  test("fetches once for many tokens, including concurrent first lookups", async () => {
    const tokens = await Promise.all(Array.from({ length: 10 }, () => world.jwksToken(world.keys.es)));
    const results = await Promise.all(tokens.map(verify));
    expect(results).toEqual(Array(10).fill("accepted"));
    expect(world.jwks.requests).toBe(1);
  });

  test("an unknown kid refreshes the keys at once, so a rotated key is accepted", async () => {
    expect(await verify(await world.jwksToken(world.keys.rs))).toBe("accepted");
    world.clock.advance(FLOOR_MS);
    const next = await providerKey("RS256", "rs-2");
    world.jwks.keys = [next.jwk];
    expect(await verify(await world.jwksToken(next))).toBe("accepted");
    expect(world.jwks.requests).toBe(2);
  });

  test("unknown kids cannot make the hub fetch more than once per refresh interval", async () => {
    await verify(await world.jwksToken(world.keys.rs));
    world.clock.advance(FLOOR_MS);
    for (let i = 0; i < 25; i++) {
      const stranger = await providerKey("ES256", `stranger-${i}`);
      expect(await verify(await world.jwksToken(stranger))).toBe(UserAuthFailure.UNKNOWN_KID);
    }
    expect(world.jwks.requests).toBe(2);
    // A key published inside the interval is found at the first lookup after it.
    const late = await providerKey("ES256", "late");
    world.jwks.keys = [...world.jwks.keys, late.jwk];
    const token = await world.jwksToken(late);
    expect(await verify(token)).toBe(UserAuthFailure.UNKNOWN_KID);
    world.clock.advance(FLOOR_MS);
    expect(await verify(token)).toBe("accepted");
    expect(world.jwks.requests).toBe(3);
  });

  test("keys are re-fetched after their maximum age", async () => {
    await verify(await world.jwksToken(world.keys.rs));
    world.clock.advance(DEFAULT_JWKS_POLICY.maxAgeMs - 1);
    await verify(await world.jwksToken(world.keys.rs));
    expect(world.jwks.requests).toBe(1);
    world.clock.advance(1);
    await verify(await world.jwksToken(world.keys.rs));
    expect(world.jwks.requests).toBe(2);
  });

  test("a JWKS server that is down gives keys_unavailable, and is not retried within the interval", async () => {
    world.jwks.status = 503;
    const token = await world.jwksToken(world.keys.rs);
    expect(await verify(token)).toBe(UserAuthFailure.KEYS_UNAVAILABLE);
    expect(await verify(token)).toBe(UserAuthFailure.KEYS_UNAVAILABLE);
    expect(world.jwks.requests).toBe(1);
    world.jwks.status = 200;
    world.clock.advance(FLOOR_MS);
    expect(await verify(token)).toBe("accepted");
  });

  test("keys already held stay in use while the JWKS server is down", async () => {
    const token = await world.jwksToken(world.keys.ed, { exp: world.nowS() + 3600 });
    expect(await verify(token)).toBe("accepted");
    world.jwks.status = 500;
    world.clock.advance(DEFAULT_JWKS_POLICY.maxAgeMs);
    expect(await verify(token)).toBe("accepted");
    expect(world.jwks.requests).toBe(2);
  });

  test.each([
    ["not JSON", "<html>login</html>"],
    ["not a key set", JSON.stringify({ keys: "none" })],
    ["over the size limit", JSON.stringify({ keys: [], padding: "x".repeat(DEFAULT_JWKS_POLICY.maxBytes) })],
  ])("a JWKS document that is %s gives keys_unavailable", async (_, body) => {
    world.jwks.body = body;
    expect(await verify(await world.jwksToken(world.keys.rs))).toBe(UserAuthFailure.KEYS_UNAVAILABLE);
  });

  test("symmetric and private keys in a JWKS are never used", async () => {
    const cache = world.keyring.cacheFor(world.jwks.url);
    const leaked = await providerKey("ES256", "leaked");
    const { key_ops: _, ext: __, ...exported } = await crypto.subtle.exportKey("jwk", leaked.privateKey);
    const privateJwk = { ...exported, kid: "leaked", alg: "ES256", use: "sig" };
    world.jwks.keys = [
      { kty: "oct", k: Buffer.from("published secret").toString("base64url"), kid: "oct-1" },
      privateJwk,
    ];
    // jose refuses HMAC algorithms for any key set; the verifier reports that as alg_not_allowed.
    await expect(cache.keyFor({ alg: "HS256", kid: "oct-1" })).rejects.toThrow(/Unsupported "alg"/);
    expect(await cache.keyFor({ alg: "ES256", kid: "leaked" })).toEqual({ ok: false, reason: "unknown_kid" });
  });
});
