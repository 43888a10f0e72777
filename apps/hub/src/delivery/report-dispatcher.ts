import { type Clock, isoAt } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { HubStore } from "../store/store.ts";
import { CoalescedRun } from "./coalesced-run.ts";
import { type ConnectionRegistry, v1Slot } from "./connection-registry.ts";
import { buildReportReady, type ReportLinks } from "./report-ready.ts";

const BATCH = 50;

/**
 * Moves stored reports to their doctor's live v1 socket, oldest first. The store is the queue: a
 * report stays `stored` until it has been written to a socket, so nothing waits in memory and a
 * slow client only pauses its own drain. Drains are serialised per doctor so a publish arriving
 * while a backlog is being sent cannot overtake it.
 *
 * A crash between writing a frame and recording it as sent re-sends that one report after a
 * restart: duplicates are possible at that edge (clients de-duplicate on `report_id`), loss is not.
 */
export class ReportDispatcher {
  private readonly running = new Map<string, CoalescedRun>();

  constructor(
    private readonly store: HubStore,
    private readonly registry: ConnectionRegistry,
    private readonly links: ReportLinks,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Delivers whatever is pending for a doctor. Concurrent kicks coalesce into one more pass. */
  kick(doctorId: string): Promise<void> {
    let run = this.running.get(doctorId);
    if (!run) {
      const created = new CoalescedRun(
        () => this.drain(doctorId),
        (error) => this.log.error("delivery failed; reports stay stored", { doctor: doctorId, error: String(error) }),
        () => {
          if (this.running.get(doctorId) === created) this.running.delete(doctorId);
        },
      );
      this.running.set(doctorId, created);
      run = created;
    }
    return run.run();
  }

  /** Resolves when every drain in progress has finished (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.inProgress));
  }

  private async drain(doctorId: string): Promise<void> {
    const connection = this.registry.inSlot(v1Slot(doctorId));
    if (!connection) return;
    const doctor = await this.store.directory.getDoctor(doctorId);
    const clinic = doctor ? await this.store.directory.getClinic(doctor.clinicId) : null;
    if (!doctor || !clinic) return;
    for (;;) {
      const batch = await this.store.reports.pendingV1For(doctorId, BATCH);
      for (const report of batch) {
        if (this.registry.inSlot(v1Slot(doctorId)) !== connection || connection.backpressured) return;
        const message = buildReportReady(report, doctor, clinic, this.links);
        const outcome = connection.send(JSON.stringify(message));
        if (outcome === "dropped") return;
        const at = isoAt(this.clock.now());
        await this.store.reports.markSentV1(report.id, at, { connection: connection.id, protocol: "v1" });
        await this.store.audit.record({
          at,
          actor: connection.credentialId,
          action: "report.sent",
          subject: report.id,
          clinicId: report.clinicId,
          detail: { connection: connection.id, doctor: doctorId },
        });
        this.log.info("report sent", { report: report.id, doctor: doctorId, connection: connection.id });
      }
      if (batch.length < BATCH) return;
    }
  }
}
