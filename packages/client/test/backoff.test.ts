import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { Backoff, DEFAULT_BACKOFF, fullJitterDelay } from "../src/index.ts";

describe("full-jitter backoff", () => {
  test("every delay lies in [0, min(max, min * 2^attempt))", () => {
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = fullJitterDelay(attempt, DEFAULT_BACKOFF, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(60_000, 1000 * 2 ** attempt));
      }),
    );
  });

  test("the ceiling doubles from 1 s up to 60 s", () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => fullJitterDelay(a, DEFAULT_BACKOFF, top))).toEqual([
      999, 1999, 3999, 7999, 15999, 31999, 59999, 59999,
    ]);
  });

  test("a connection that drops before the stable minute keeps backing off", () => {
    const backoff = new Backoff(DEFAULT_BACKOFF, () => 0.999999);
    let now = 0;
    const delays = [];
    for (let i = 0; i < 5; i++) {
      backoff.connected(now);
      now += 59_000; // up for 59 s, then dropped
      delays.push(backoff.nextDelay(now));
    }
    expect(delays).toEqual([999, 1999, 3999, 7999, 15999]);
  });

  test("a connection that stayed up a minute resets the count", () => {
    const backoff = new Backoff(DEFAULT_BACKOFF, () => 0.999999);
    for (let i = 0; i < 4; i++) backoff.nextDelay(0);
    expect(backoff.attempts).toBe(4);
    backoff.connected(1000);
    expect(backoff.nextDelay(61_000)).toBe(999);
  });
});
