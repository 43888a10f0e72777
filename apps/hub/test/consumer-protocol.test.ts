import { describe, expect, test } from "bun:test";
import { v2Protocol } from "../src/delivery/consumer-protocol.ts";

describe("v2 consumer protocols", () => {
  test("clients announcing the same capabilities share one protocol, in any order of events", () => {
    const a = v2Protocol({ revision: 1, events: ["report_ready", "report_expired"] });
    const b = v2Protocol({ revision: 1, events: ["report_expired", "report_ready", "report_ready"] });
    expect(b).toBe(a);
    expect(a.accepts("report_ready")).toBe(true);
    expect(a.accepts("future_event")).toBe(false);
  });

  test("a different revision or set of events is a different protocol", () => {
    const one = v2Protocol({ revision: 1, events: ["report_ready"] });
    const zero = v2Protocol({ revision: 0, events: ["report_ready"] });
    const more = v2Protocol({ revision: 1, events: ["report_ready", "future_event"] });
    expect([one.skipsSilently, zero.skipsSilently]).toEqual([true, false]);
    expect(more.accepts("future_event")).toBe(true);
    expect(one.accepts("future_event")).toBe(false);
  });

  test("past the cache's bound, each protocol still reads exactly its own events", () => {
    // Clients name events freely: a flood of made-up names must neither grow memory without end nor mix protocols up.
    const protocols = Array.from({ length: 200 }, (_, i) => v2Protocol({ revision: 1, events: [`made_up_${i}`] }));
    protocols.forEach((protocol, i) => {
      expect(protocol.accepts(`made_up_${i}`)).toBe(true);
      expect(protocol.accepts(`made_up_${i + 1}`)).toBe(false);
    });
  });

  test("a flood of made-up capability sets does not push out the one clients keep using", () => {
    const agents = v2Protocol({ revision: 1, events: ["report_ready", "report_expired", "report_status_changed"] });
    for (let i = 0; i < 500; i++) {
      v2Protocol({ revision: 1, events: [`flood_${i}`] });
      // Real agents keep connecting meanwhile.
      if (i % 10 === 0)
        v2Protocol({ revision: 1, events: ["report_status_changed", "report_expired", "report_ready"] });
    }
    expect(v2Protocol({ revision: 1, events: ["report_ready", "report_expired", "report_status_changed"] })).toBe(
      agents,
    );
  });
});
