import { type EventDetail, MAX_STATUSES_PER_REPORT, type V2Status } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { HubMetrics } from "../metrics/index.ts";
import type { HubStore } from "../store/store.ts";
import type { V2Principal } from "./authenticator.ts";

/** What became of a status: recorded (or a repeat of one), or why not. */
export type StatusOutcome =
  | { ok: true }
  /** Not this client's report, or no such report: a mistake to count against the connection. */
  | { ok: false; reason: string; invalid: true }
  /** The report has all the statuses it may have: refused, without blaming the connection. */
  | { ok: false; reason: string; invalid: false };

/**
 * Records what a v2 client says it did with a report (`received`, `written`, `held`, `failed`) in
 * the report's timeline, once per status id, only for that client's own doctor's reports, and at
 * most {@link MAX_STATUSES_PER_REPORT} per report.
 */
export class StatusRecorder {
  constructor(
    private readonly store: HubStore,
    private readonly principal: V2Principal,
    private readonly clock: Clock,
    private readonly metrics?: HubMetrics,
  ) {}

  async record(status: V2Status): Promise<StatusOutcome> {
    const report = await this.store.reports.get(status.report_id);
    // Another doctor's report is answered exactly like a missing one: no cross-tenant hints.
    if (!report || report.doctorId !== this.principal.doctor.id) {
      return { ok: false, reason: `unknown report "${status.report_id}"`, invalid: true };
    }
    const detail: EventDetail = { consumer: this.principal.consumerId, credential: this.principal.credential.id };
    if (status.reason !== undefined) detail.reason = status.reason;
    if (status.target) {
      detail.system = status.target.system;
      for (const [key, value] of Object.entries(status.target.ids)) detail[`id.${key}`] = value;
    }
    const outcome = await this.store.reports.recordClientStatus(
      {
        consumerId: this.principal.consumerId,
        statusId: status.status_id,
        reportId: report.id,
        status: status.status,
        at: isoAt(this.clock.now()),
        detail,
      },
      MAX_STATUSES_PER_REPORT,
    );
    if (outcome === "recorded") {
      this.metrics?.statusRecorded(status.status);
      if (status.status === "written")
        this.metrics?.reportWritten((this.clock.now() - Date.parse(report.createdAt)) / 1000);
    }
    if (outcome !== "limit_reached") return { ok: true };
    return {
      ok: false,
      reason: `report "${report.id}" already has ${MAX_STATUSES_PER_REPORT} statuses; no more are recorded`,
      invalid: false,
    };
  }
}
