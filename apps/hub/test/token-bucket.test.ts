import { describe, expect, test } from "bun:test";
import { FakeClock } from "@sofia/testing";
import { TokenBucket } from "../src/security/token-bucket.ts";

describe("TokenBucket", () => {
  test("gives its burst at once, then one token per refill interval", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock, 2, 4); // a token every 250 ms
    await bucket.take();
    await bucket.take();
    let third = false;
    const waiting = bucket.take().then(() => {
      third = true;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    clock.advance(249);
    await Promise.resolve();
    expect(third).toBe(false);
    clock.advance(1);
    await waiting;
    expect(third).toBe(true);
  });

  test("refills up to its capacity, no further", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock, 2, 1);
    clock.advance(60_000);
    await bucket.take();
    await bucket.take();
    let third = false;
    void bucket.take().then(() => {
      third = true;
    });
    await Promise.resolve();
    expect(third).toBe(false);
  });
});
