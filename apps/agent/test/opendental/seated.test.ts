import { describe, expect, test } from "bun:test";
import type { ConfirmationSetup, OdAppointment } from "@sofia/opendental";
import { seatedPresence } from "../../src/opendental/chair/seated.ts";
import { wantedSubscriptions } from "../../src/opendental/chair/subscriptions.ts";
import { OfficeTime } from "../../src/opendental/office-time.ts";

const NOW = Date.parse("2025-03-14T16:30:00Z");
const time = OfficeTime.fromServer("2025-03-14 10:30:00", NOW) as OfficeTime;
// This office renamed its statuses: "Chair" (31) stamps seated, "Out" (32) dismissed.
const setup: ConfirmationSetup = { statuses: [], arrived: 30, seated: 31, dismissed: 32 };

const apt = (over: Partial<OdAppointment>): OdAppointment => ({
  AptNum: 1,
  PatNum: 7,
  AptStatus: "Scheduled",
  Pattern: "//XX//",
  Confirmed: 21,
  confirmed: "Confirmed",
  Op: 3,
  ProvNum: 1,
  provAbbr: "DOC1",
  ProvHyg: 0,
  AptDateTime: "2025-03-14 10:00:00",
  ClinicNum: 0,
  IsHygiene: false,
  Note: "",
  DateTStamp: null,
  DateTimeArrived: null,
  DateTimeSeated: null,
  DateTimeDismissed: null,
  ...over,
});

describe("who is seated, as the office itself says", () => {
  test("seated by its seated time or by the office's own seated status; dismissed likewise", () => {
    expect(seatedPresence(apt({ DateTimeSeated: "2025-03-14 10:05:00" }), setup, time)).toEqual({
      source: "appointment",
      place: "op:3",
      patNum: 7,
      sinceMs: NOW - 25 * 60_000,
      current: true,
      untilMs: null,
    });
    expect(seatedPresence(apt({ Confirmed: 31 }), setup, time)).toMatchObject({ current: true, sinceMs: null });
    const left = apt({ DateTimeSeated: "2025-03-14 09:00:00", DateTimeDismissed: "2025-03-14 09:40:00" });
    expect(seatedPresence(left, setup, time)).toMatchObject({ current: false, untilMs: NOW - 50 * 60_000 });
    expect(seatedPresence(apt({ DateTimeSeated: "2025-03-14 09:00:00", Confirmed: 32 }), setup, time)).toMatchObject({
      current: false,
      untilMs: null,
    });
  });

  test("never seated, broken, or with a status number another office would use: not in the chair", () => {
    expect(seatedPresence(apt({}), setup, time)).toBeNull();
    expect(seatedPresence(apt({ Confirmed: 25 }), setup, time)).toBeNull(); // the demo DB's "In Treatment Room"
    expect(seatedPresence(apt({ AptStatus: "Broken", DateTimeSeated: "2025-03-14 10:05:00" }), setup, time)).toBeNull();
    expect(seatedPresence(apt({ Confirmed: 31 }), { ...setup, seated: 0 }, time)).toBeNull();
  });

  test("subscriptions: this PC posts to 127.0.0.1, other workstations to this PC's name", () => {
    expect(wantedSubscriptions(["op1-pc", "OP2-PC", "OP1-PC"], "OP1-PC", null, 17381)).toEqual([
      { workstation: "OP1-PC", url: "http://127.0.0.1:17381/opendental/patient-selected?workstation=OP1-PC" },
      { workstation: "OP2-PC", url: "http://OP1-PC:17381/opendental/patient-selected?workstation=OP2-PC" },
    ]);
    expect(wantedSubscriptions(["OP2-PC"], "SERVER", "10.0.0.5", 9000)[0]?.url).toBe(
      "http://10.0.0.5:9000/opendental/patient-selected?workstation=OP2-PC",
    );
  });
});
