import type { EventDetail, V2Status } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { HubStore } from "../store/store.ts";
import type { V2Principal } from "./authenticator.ts";

/**
 * Records what a v2 client says it did with a report (`received`, `written`, `held`, `failed`) in
 * the report's timeline, once per status id, and only for that client's own doctor's reports.
 */
export class StatusRecorder {
  constructor(
    private readonly store: HubStore,
    private readonly principal: V2Principal,
    private readonly clock: Clock,
  ) {}

  async record(status: V2Status): Promise<{ ok: true } | { ok: false; reason: string }> {
    const report = await this.store.reports.get(status.report_id);
    // Another doctor's report is answered exactly like a missing one: no cross-tenant hints.
    if (!report || report.doctorId !== this.principal.doctor.id) {
      return { ok: false, reason: `unknown report "${status.report_id}"` };
    }
    const detail: EventDetail = { consumer: this.principal.consumerId, credential: this.principal.credential.id };
    if (status.reason !== undefined) detail.reason = status.reason;
    if (status.target) {
      detail.system = status.target.system;
      for (const [key, value] of Object.entries(status.target.ids)) detail[`id.${key}`] = value;
    }
    await this.store.reports.recordClientStatus({
      consumerId: this.principal.consumerId,
      statusId: status.status_id,
      reportId: report.id,
      status: status.status,
      at: isoAt(this.clock.now()),
      detail,
    });
    return { ok: true };
  }
}
