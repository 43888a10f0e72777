import { describe, expect, test } from "bun:test";
import { CalendarDate, Patient, PublishReportRequest } from "../src/index.ts";

describe("report schemas", () => {
  test.each(["2024-02-29", "1999-12-31", "2026-01-01"])("%s is a calendar date", (d) => {
    expect(CalendarDate.safeParse(d).success).toBe(true);
  });
  test.each(["2023-02-29", "2026-13-01", "2026-1-1", "01/02/2026", ""])("%s is not", (d) => {
    expect(CalendarDate.safeParse(d).success).toBe(false);
  });
  test("a patient needs at least one field", () => {
    expect(Patient.safeParse({}).success).toBe(false);
    expect(Patient.safeParse({ opendental_patnum: 7 }).success).toBe(true);
  });
  test("a patient's name may come whole or in parts, trimmed and never empty", () => {
    expect(Patient.parse({ given_name: " Jane ", family_name: "Doe" })).toEqual({
      given_name: "Jane",
      family_name: "Doe",
    });
    expect(Patient.safeParse({ given_name: "  " }).success).toBe(false);
    expect(Patient.safeParse({ family_name: "x".repeat(201) }).success).toBe(false);
  });
  test("every report section is required", () => {
    const result = PublishReportRequest.safeParse({ doctor_id: "d", report: { history: "h" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "report.findings",
      "report.diagnosis",
      "report.procedure",
      "report.recommendation",
    ]);
  });
});
