import type { PublishReportRequest } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { Notifier } from "../delivery/notifier.ts";
import { doctorRecipient, userInbox } from "../delivery/recipients.ts";
import { reportPayload } from "../delivery/report-ready.ts";
import { newReportId } from "../ids.ts";
import type { HubMetrics } from "../metrics/index.ts";
import type { InlineRenderings, RenderContext } from "../render/index.ts";
import { RenderBudgetExceeded, RenderQueueFull, renderContextOf } from "../render/index.ts";
import type { Credential, ReportRecord } from "../store/records.ts";
import { doctorReportItem } from "../store/report-item.ts";
import type { HubStore, NewReport } from "../store/store.ts";

/** What became of a publish request. */
export type PublishOutcome =
  | { kind: "created"; report: ReportRecord }
  | { kind: "replayed"; report: ReportRecord }
  | { kind: "unknown_doctor" }
  | { kind: "render_budget_exceeded" }
  | { kind: "render_busy" }
  | { kind: "idempotency_conflict"; reportId: string };

/** Renders a report's inline formats (the hub's `RenderPool`, within its time budget). */
export interface InlineRenderer {
  inline(ctx: RenderContext): Promise<InlineRenderings>;
}

/**
 * Accepts reports from producers: checks the doctor is within the token's reach, stores the
 * report durably with its renderings and finished delivery payload (made once, here, within the
 * render time budget, so that delivery never renders or re-reads the report), and only then
 * notifies the doctor's mailbox so that its live connections deliver it.
 */
export class ReportPublisher {
  constructor(
    private readonly store: HubStore,
    private readonly renderer: InlineRenderer,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly metrics?: HubMetrics,
  ) {}

  async publish(producer: Credential, request: PublishReportRequest): Promise<PublishOutcome> {
    // A token confined to one clinic names the clinic: both are asked for in the same turn, so they
    // cross to the store thread in one message instead of two in a row.
    const { directory } = this.store;
    const [doctor, confinedTo] = await Promise.all([
      directory.getDoctor(request.doctor_id),
      producer.clinicId === null ? null : directory.getClinic(producer.clinicId),
    ]);
    // A token confined to one clinic must not learn that another clinic's doctor exists.
    if (!doctor || (producer.clinicId !== null && producer.clinicId !== doctor.clinicId)) {
      return { kind: "unknown_doctor" };
    }
    const clinic = confinedTo ?? (await directory.getClinic(doctor.clinicId));
    if (!clinic) throw new Error(`doctor ${doctor.id} has no clinic ${doctor.clinicId}`);
    const now = this.clock.now();
    const visitDate = request.visit_date ?? null;
    const patient = request.patient ?? null;
    let renderings: InlineRenderings;
    try {
      const renderable = { content: request.report, patient, visitDate, language: request.language };
      renderings = await this.renderer.inline(renderContextOf(renderable, doctor, clinic));
    } catch (error) {
      if (error instanceof RenderQueueFull) return { kind: "render_busy" };
      if (!(error instanceof RenderBudgetExceeded)) throw error;
      this.log.warn("report refused: rendering exceeded its time budget", { doctor: doctor.id, producer: producer.id });
      return { kind: "render_budget_exceeded" };
    }
    const id = newReportId(now);
    const recipient = doctorRecipient(doctor.id);
    // A clinic with web-app users: the doctor's own user (whose JWT `sub` is the doctor id) gets it too.
    const doctorsInbox = clinic.userAuth ? userInbox(clinic.id, doctor.id) : null;
    const itemId = `dlv_${id.slice(4)}`;
    const payload = reportPayload(
      { id, content: request.report, patient, visitDate, visitStartedAt: request.visit_started_at ?? null },
      renderings,
    );
    const newReport: NewReport = {
      id,
      doctorId: doctor.id,
      clinicId: doctor.clinicId,
      content: request.report,
      patient,
      producerId: producer.id,
      idempotencyKey: request.idempotency_key ?? null,
      createdAt: isoAt(now),
      createdMs: now,
      language: request.language,
      visitDate,
      delivery: { recipient, itemId, payload, userInbox: doctorsInbox },
      audit: {
        at: isoAt(now),
        actor: producer.id,
        action: "report.published",
        subject: id,
        clinicId: doctor.clinicId,
        detail: { doctor: doctor.id },
      },
    };
    const { report, created, seq } = await this.store.reports.insert(newReport);
    if (!created) {
      const same =
        report.doctorId === doctor.id &&
        JSON.stringify(report.content) === JSON.stringify(request.report) &&
        JSON.stringify(report.patient) === JSON.stringify(patient) &&
        report.language === request.language &&
        (request.visit_date === undefined || report.visitDate === request.visit_date);
      return same ? { kind: "replayed", report } : { kind: "idempotency_conflict", reportId: report.id };
    }
    this.log.info("report stored", { report: report.id, doctor: doctor.id, producer: producer.id });
    this.metrics?.reportPublished();
    // The item as the store now holds it, so the doctor's connections need not read it back.
    const stored = seq === null ? undefined : { ...doctorReportItem(newReport), seq, expiredAt: null };
    this.notifier.notify(recipient, stored);
    if (doctorsInbox !== null) this.notifier.notify(doctorsInbox);
    return { kind: "created", report };
  }
}
