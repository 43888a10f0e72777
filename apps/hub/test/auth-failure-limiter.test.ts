import { describe, expect, test } from "bun:test";
import { FakeClock } from "@sofia/testing";
import { USER_AUTH_ADVICE, UserAuthFailure } from "../src/users/auth-failure.ts";
import { AuthFailureLimiter } from "../src/users/auth-failure-limiter.ts";

describe("AuthFailureLimiter", () => {
  const limits = { maxFailures: 3, windowMs: 60_000, maxSources: 2 };

  test("blocks a source after its refusals for the window, then lets it try again", () => {
    const clock = new FakeClock();
    const limiter = new AuthFailureLimiter(clock, limits);
    for (let i = 0; i < 3; i++) {
      expect(limiter.blocked("10.0.0.1")).toBe(false);
      limiter.failed("10.0.0.1");
    }
    expect(limiter.blocked("10.0.0.1")).toBe(true);
    expect(limiter.blocked("10.0.0.2")).toBe(false);
    clock.advance(59_999);
    expect(limiter.blocked("10.0.0.1")).toBe(true);
    clock.advance(1);
    expect(limiter.blocked("10.0.0.1")).toBe(false);
  });

  test("says how long a blocked source must wait", () => {
    const clock = new FakeClock();
    const limiter = new AuthFailureLimiter(clock, limits);
    for (let i = 0; i < 3; i++) limiter.failed("10.0.0.1");
    clock.advance(20_000);
    expect(limiter.retryAfterMs("10.0.0.1")).toBe(40_000);
    expect(limiter.failures("10.0.0.1")).toBe(3);
    expect(limiter.retryAfterMs("10.0.0.2")).toBe(0);
  });

  test("tracks a bounded number of sources, forgetting the oldest", () => {
    const limiter = new AuthFailureLimiter(new FakeClock(), limits);
    for (const source of ["a", "b", "c"]) for (let i = 0; i < 3; i++) limiter.failed(source);
    expect([limiter.blocked("a"), limiter.blocked("b"), limiter.blocked("c")]).toEqual([false, true, true]);
  });
});

test("every refusal reason has advice for the client", () => {
  for (const reason of Object.values(UserAuthFailure)) expect(USER_AUTH_ADVICE[reason]).toBeDefined();
  expect(USER_AUTH_ADVICE.expired).toBe("renew_token");
  expect(USER_AUTH_ADVICE.bad_signature).toBe("give_up");
});
