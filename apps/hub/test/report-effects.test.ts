import { describe, expect, test } from "bun:test";
import { ReportEventType, ReportStatus } from "@sofia/protocol";
import { nextStatus, type ReportFacts, reportEffects } from "../src/services/report-effects.ts";

const report = (status: ReportStatus): ReportFacts => ({
  id: "rep_1",
  status,
  doctorId: "dr-a",
  clinicId: "clinic-a",
  producerId: "spt_1",
});
const event = (type: ReportEventType) => ({ at: "2026-11-21T09:00:00.000Z", type, detail: { seq: 1 } });

describe("what an event does to its report (the rule every store applies)", () => {
  test("status only moves forward; held and failed may follow each other; written is final", () => {
    expect(nextStatus("stored", "sent")).toBe("sent");
    expect(nextStatus("written", "sent")).toBe("written");
    expect(nextStatus("held", "failed")).toBe("failed");
    expect(nextStatus("failed", "held")).toBe("held");
    expect(nextStatus("held", "written")).toBe("written");
    expect(nextStatus("written", "held")).toBe("written");
  });

  test("expiry applies only to reports no client acknowledged", () => {
    expect(nextStatus("sent", "expired")).toBe("expired");
    expect(nextStatus("stored", "expired")).toBe("expired");
    expect(nextStatus("acknowledged", "expired")).toBe("acknowledged");
    expect(nextStatus("written", "expired")).toBe("written");
  });

  test("stored and webhook outcomes never move the status", () => {
    for (const status of ReportStatus.options) {
      for (const type of ["stored", "webhook_delivered", "webhook_failed"] as const)
        expect(nextStatus(status, type)).toBe(status);
    }
  });

  test("every event but a webhook's own outcome is announced to a producer that registered a webhook", () => {
    for (const type of ReportEventType.options) {
      const effects = reportEffects({
        report: report("sent"),
        event: event(type),
        producerHasWebhook: true,
        webhookEventId: "evt_1",
      });
      const announced = type !== "webhook_delivered" && type !== "webhook_failed";
      expect(effects.webhook !== null).toBe(announced);
      if (effects.webhook) {
        expect(effects.webhook).toEqual({
          id: "evt_1",
          type: "report.status",
          created_at: "2026-11-21T09:00:00.000Z",
          data: {
            report_id: "rep_1",
            doctor_id: "dr-a",
            clinic_id: "clinic-a",
            status: effects.status,
            event: event(type),
          },
        });
      }
    }
  });

  test("nothing is queued for a producer without a webhook", () => {
    const effects = reportEffects({
      report: report("stored"),
      event: event("sent"),
      producerHasWebhook: false,
      webhookEventId: "evt_1",
    });
    expect(effects).toEqual({ status: "sent", webhook: null });
  });
});
