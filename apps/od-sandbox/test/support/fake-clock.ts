import { FakeClock } from "@sofia/testing";
import type { OfficeClock } from "../../src/clock.ts";

/** The workspace's fake clock, in an office's time zone: time moves only when a test says so. */
export class OfficeFakeClock extends FakeClock implements OfficeClock {
  constructor(
    ms: number,
    readonly timeZone = "America/Denver",
  ) {
    super(ms);
  }
}

/** 2025-03-14 10:30:00 in Denver (MDT, UTC-6): an instant whose office date differs from nothing odd. */
export const OFFICE_NOON_ISH = Date.parse("2025-03-14T16:30:00Z");
