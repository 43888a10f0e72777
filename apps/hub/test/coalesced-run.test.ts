import { describe, expect, test } from "bun:test";
import { CoalescedRun } from "../src/delivery/coalesced-run.ts";

describe("CoalescedRun", () => {
  test("calls during a pass cost exactly one more pass, and passes never overlap", async () => {
    let passes = 0;
    let active = 0;
    let release = () => {};
    const run = new CoalescedRun(
      async () => {
        passes++;
        active++;
        expect(active).toBe(1);
        if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
        active--;
      },
      () => {},
    );
    const first = run.run();
    const others = Array.from({ length: 10 }, () => run.run());
    release();
    await Promise.all([first, ...others]);
    expect(passes).toBe(2);
    expect(run.inProgress).toBeNull();
  });

  test("an error ends the run, is reported, and the next call starts afresh", async () => {
    const errors: unknown[] = [];
    let idle = 0;
    let fail = true;
    const run = new CoalescedRun(
      async () => {
        if (fail) throw new Error("store down");
      },
      (error) => errors.push(error),
      () => idle++,
    );
    await run.run();
    expect(errors).toHaveLength(1);
    fail = false;
    await run.run();
    expect(errors).toHaveLength(1);
    expect(idle).toBe(2);
  });
});
