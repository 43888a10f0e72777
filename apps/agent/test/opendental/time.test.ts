import { describe, expect, test } from "bun:test";
import { OfficeTime, wallMs } from "../../src/opendental/office-time.ts";
import { reportTime, ulidTime } from "../../src/opendental/report-time.ts";

describe("the office's clock and the report's time", () => {
  test("office time: the server's wall clock against this PC's, whatever this PC's clock says", () => {
    // This PC is 7 minutes fast, in UTC; the office (Denver) says 10:30.
    const pcNow = Date.parse("2025-03-14T16:37:00Z");
    const time = OfficeTime.fromServer("2025-03-14 10:30:00", pcNow);
    expect(time?.wallText(pcNow)).toBe("2025-03-14 10:30:00");
    expect(time?.date(pcNow + 14 * 3_600_000)).toBe("2025-03-15");
    expect(time?.instant("2025-03-14 10:00:00")).toBe(pcNow - 30 * 60_000);
    expect(time?.instant("0001-01-01 00:00:00")).toBeNull();
    expect(OfficeTime.fromServer("soon", pcNow)).toBeNull();
    expect(wallMs("2025-02-30 10:00:00")).toBeNull();
  });

  test("a hub report id dates the report; anything else is dated by its arrival, never later", () => {
    const made = Date.parse("2025-03-14T16:29:00Z");
    const id = `rep_${ulid(made)}ABCDEFGHJKMNPQRS`;
    expect(ulidTime(id)).toBe(made);
    expect(reportTime(id, made + 90_000)).toBe(made);
    expect(reportTime(id, made - 5_000)).toBe(made - 5_000); // the hub's clock runs ahead of this PC's
    expect(reportTime("v1-3f9a", made)).toBe(made);
    // Delivered 40 days late (a PC off for weeks): still the time it was made, not its arrival.
    expect(reportTime(id, made + 40 * 24 * 3_600_000)).toBe(made);
  });
});

function ulid(ms: number): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let out = "";
  for (let i = 0, t = ms; i < 10; i++, t = Math.floor(t / 32)) out = alphabet.charAt(t % 32) + out;
  return out;
}
