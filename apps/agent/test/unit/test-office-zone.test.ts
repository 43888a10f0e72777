import { expect, test } from "bun:test";
import { middayZone } from "../support/od-office.ts";

test("the test office is at midday whatever the hour the tests run: every UTC hour gets a zone whose wall clock is 10:00-14:59, not UTC", () => {
  for (let h = 0; h < 24; h++) {
    const now = Date.UTC(2026, 11, 3, h, 59);
    const zone = middayZone(now);
    expect(zone).not.toBe("Etc/GMT+0");
    const hour = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(now),
    );
    expect(hour).toBeGreaterThanOrEqual(10);
    expect(hour).toBeLessThanOrEqual(14);
  }
});
