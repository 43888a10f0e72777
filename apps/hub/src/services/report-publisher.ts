import type { PublishReportRequest } from "@sofia/protocol";
import { type Clock, isoAt } from "../clock.ts";
import { newReportId } from "../ids.ts";
import type { Logger } from "../log.ts";
import type { Credential, ReportRecord } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";

/** What became of a publish request. */
export type PublishOutcome =
  | { kind: "created"; report: ReportRecord }
  | { kind: "replayed"; report: ReportRecord }
  | { kind: "unknown_doctor" }
  | { kind: "idempotency_conflict"; reportId: string };

/**
 * Accepts reports from producers: checks the doctor is within the token's reach, stores the
 * report durably, and only then wakes the doctor's live connections to deliver it.
 */
export class ReportPublisher {
  constructor(
    private readonly store: HubStore,
    private readonly wakeDoctor: (doctorId: string) => void,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async publish(producer: Credential, request: PublishReportRequest): Promise<PublishOutcome> {
    const doctor = await this.store.directory.getDoctor(request.doctor_id);
    // A token confined to one clinic must not learn that another clinic's doctor exists.
    if (!doctor || (producer.clinicId !== null && producer.clinicId !== doctor.clinicId)) {
      return { kind: "unknown_doctor" };
    }
    const now = this.clock.now();
    const { report, created } = await this.store.reports.insert({
      id: newReportId(now),
      doctorId: doctor.id,
      clinicId: doctor.clinicId,
      content: request.report,
      patient: request.patient ?? null,
      producerId: producer.id,
      idempotencyKey: request.idempotency_key ?? null,
      createdAt: isoAt(now),
      createdMs: now,
    });
    if (!created) {
      const same =
        report.doctorId === doctor.id &&
        JSON.stringify(report.content) === JSON.stringify(request.report) &&
        JSON.stringify(report.patient) === JSON.stringify(request.patient ?? null);
      return same ? { kind: "replayed", report } : { kind: "idempotency_conflict", reportId: report.id };
    }
    await this.store.audit.record({
      at: report.createdAt,
      actor: producer.id,
      action: "report.published",
      subject: report.id,
      clinicId: report.clinicId,
      detail: { doctor: doctor.id },
    });
    this.log.info("report stored", { report: report.id, doctor: doctor.id, producer: producer.id });
    this.wakeDoctor(doctor.id);
    return { kind: "created", report };
  }
}
