import {
  type EventDetail,
  MAX_STATUSES_PER_REPORT,
  type ReportStatusChangedData,
  type V2Status,
} from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Notifier } from "../delivery/notifier.ts";
import { userInbox } from "../delivery/recipients.ts";
import { ulid } from "../ids.ts";
import type { HubMetrics } from "../metrics/index.ts";
import type { ReportRecord } from "../store/records.ts";
import type { ClientStatus, HubStore } from "../store/store.ts";

/** What became of a status: recorded (or a repeat of one), or why not. */
export type StatusOutcome =
  | { ok: true }
  /** Not this client's report, or no such report: a mistake to count against the connection. */
  | { ok: false; reason: string; invalid: true }
  /** The report has all the statuses it may have: refused, without blaming the connection. */
  | { ok: false; reason: string; invalid: false };

/**
 * The connection whose statuses are recorded, as it authenticated: just what recording needs, so
 * an idle session does not keep its whole principal (clinic, doctor, credential records).
 */
export interface StatusClient {
  consumerId: string;
  /** Only this doctor's reports take the connection's statuses. */
  doctorId: string;
  credentialId: string;
  /** The clinic had care-team users (its `userAuth`) when the connection authenticated. */
  clinicHasUsers: boolean;
}

/**
 * Records what a v2 client says it did with a report (`received`, `written`, `held`, `failed`) in
 * the report's timeline, once per status id, only for that client's own doctor's reports, and at
 * most {@link MAX_STATUSES_PER_REPORT} per report. When the clinic has care-team users, the
 * doctor's own inbox gets a `report_status_changed` with it (same transaction), and the doctor's
 * web apps are woken.
 */
export class StatusRecorder {
  constructor(
    private readonly store: HubStore,
    private readonly client: StatusClient,
    private readonly clock: Clock,
    private readonly notifier: Notifier | null = null,
    private readonly metrics?: HubMetrics,
  ) {}

  async record(status: V2Status): Promise<StatusOutcome> {
    const report = await this.store.reports.get(status.report_id);
    // Another doctor's report is answered exactly like a missing one: no cross-tenant hints.
    if (!report || report.doctorId !== this.client.doctorId) {
      return { ok: false, reason: `unknown report "${status.report_id}"`, invalid: true };
    }
    const detail: EventDetail = { consumer: this.client.consumerId, credential: this.client.credentialId };
    if (status.reason !== undefined) detail.reason = status.reason;
    if (status.target) {
      detail.system = status.target.system;
      for (const [key, value] of Object.entries(status.target.ids)) detail[`id.${key}`] = value;
    }
    const at = isoAt(this.clock.now());
    const notice = this.noticeFor(report, status, at);
    const outcome = await this.store.reports.recordClientStatus(
      {
        consumerId: this.client.consumerId,
        statusId: status.status_id,
        reportId: report.id,
        status: status.status,
        at,
        detail,
        notice,
      },
      MAX_STATUSES_PER_REPORT,
    );
    if (outcome === "recorded" && notice) this.notifier?.notify(notice.recipient);
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

  /** The doctor's inbox item for this status, or `null` when the clinic has no care-team users. */
  private noticeFor(report: ReportRecord, status: V2Status, at: string): ClientStatus["notice"] {
    if (!this.client.clinicHasUsers) return null;
    const data: ReportStatusChangedData = { report_id: report.id, status: status.status, at };
    if (status.reason !== undefined) data.reason = status.reason;
    if (status.target) data.target = status.target;
    return {
      recipient: userInbox(report.clinicId, report.doctorId),
      itemId: `rsc_${ulid(this.clock.now())}`,
      clinicId: report.clinicId,
      payload: JSON.stringify(data),
    };
  }
}
