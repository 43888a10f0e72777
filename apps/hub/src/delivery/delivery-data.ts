import type { Clinic, Doctor, MailboxItem } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";
import { withField } from "./frames.ts";
import { type ReportLinks, rebuiltPayload } from "./report-ready.ts";

/**
 * The `data` of a delivery: the payload stored at publish time, with a freshly signed `url` for a
 * report (links expire; each delivery gets its own), or the tombstone of an expired one.
 */
export class DeliveryData {
  constructor(
    private readonly store: HubStore,
    private readonly links: ReportLinks,
  ) {}

  async of(item: MailboxItem, expiredAt: string | null): Promise<string> {
    if (expiredAt !== null && item.reportId !== null) {
      return JSON.stringify({
        report_id: item.reportId,
        created_at: new Date(item.createdMs).toISOString(),
        expired_at: expiredAt,
      });
    }
    const payload = item.payload ?? (await this.rebuild(item));
    return item.reportId === null ? payload : withField(payload, "url", this.links.docxUrl(item.reportId));
  }

  /** Items stored before payloads existed: rebuilt from their report (a one-off cost per delivery). */
  private async rebuild(item: MailboxItem): Promise<string> {
    const report = item.reportId === null ? null : await this.store.reports.get(item.reportId);
    const doctor: Doctor | null = report ? await this.store.directory.getDoctor(report.doctorId) : null;
    const clinic: Clinic | null = doctor ? await this.store.directory.getClinic(doctor.clinicId) : null;
    if (!report || !doctor || !clinic) throw new Error(`mailbox item ${item.id} has no payload and no report`);
    return rebuiltPayload(report, doctor, clinic);
  }
}
