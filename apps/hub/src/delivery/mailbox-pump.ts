import type { V2Deliver } from "@sofia/protocol";
import { type Clock, isoAt } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { Clinic, Doctor, MailboxEntry } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";
import { CoalescedRun } from "./coalesced-run.ts";
import type { SendOutcome } from "./live-connection.ts";
import { buildReportReadyData, type ReportLinks } from "./report-ready.ts";

/** What the pump needs to know about the socket it feeds. */
export interface PumpTarget {
  readonly id: string;
  readonly backpressured: boolean;
  readonly open: boolean;
  send(text: string): SendOutcome;
}

/** Fixed settings of a pump. */
export interface PumpSettings {
  store: HubStore;
  links: ReportLinks;
  clock: Clock;
  log: Logger;
  retentionMs: number;
  /** Deliveries sent ahead of acknowledgements. */
  window: number;
}

const BATCH = 50;

/**
 * Feeds one v2 socket from its consumer's durable mailbox: everything after the cursor, in seq
 * order, at most `window` unacknowledged at a time. Nothing is buffered in memory: a client that
 * stops acknowledging, or stops reading (backpressure), simply stops being sent to, and the rest
 * waits in the store. After a reconnect a new pump starts again from the acknowledged cursor.
 */
export class MailboxPump {
  private sentSeq: number;
  private readonly runner: CoalescedRun;

  constructor(
    private readonly target: PumpTarget,
    private readonly consumerId: string,
    private readonly doctor: Doctor,
    private readonly clinic: Clinic,
    private ackedSeq: number,
    private readonly settings: PumpSettings,
  ) {
    this.sentSeq = ackedSeq;
    this.runner = new CoalescedRun(
      () => this.drain(),
      (error) =>
        settings.log.error("v2 delivery failed; items stay in the mailbox", {
          connection: target.id,
          error: String(error),
        }),
    );
  }

  /** Sends what is waiting. Concurrent calls coalesce into one more pass. */
  run(): Promise<void> {
    return this.runner.run();
  }

  /**
   * Applies a cumulative ack. Returns `false` when it acknowledges something never sent on this
   * connection (a protocol violation); acks at or below the cursor are harmless repeats.
   */
  async ack(seq: number): Promise<boolean> {
    if (seq > this.sentSeq) return false;
    if (seq > this.ackedSeq) {
      this.ackedSeq = await this.settings.store.mailbox.ack(this.consumerId, seq, isoAt(this.settings.clock.now()));
      void this.run();
    }
    return true;
  }

  private async drain(): Promise<void> {
    const { store, clock, retentionMs, window } = this.settings;
    // Only what this connection is about to send: the hub-wide sweep runs every minute on its own.
    const scope = { doctorId: this.doctor.id, afterSeq: this.sentSeq };
    await store.mailbox.expire(clock.now() - retentionMs, isoAt(clock.now()), scope);
    for (;;) {
      const room = window - (this.sentSeq - this.ackedSeq);
      if (room <= 0 || !this.target.open || this.target.backpressured) return;
      const items = await store.mailbox.itemsAfter(this.doctor.id, this.sentSeq, Math.min(room, BATCH));
      if (items.length === 0) return;
      for (const item of items) {
        if (!this.target.open || this.target.backpressured) return;
        const outcome = this.target.send(JSON.stringify(this.deliveryOf(item)));
        if (outcome === "dropped") return;
        this.sentSeq = item.seq;
        if (item.expiredAt === null) {
          await store.reports.addEvent(item.reportId, isoAt(clock.now()), "sent", {
            protocol: "v2",
            consumer: this.consumerId,
            seq: item.seq,
            connection: this.target.id,
          });
        }
      }
    }
  }

  private deliveryOf(item: MailboxEntry): V2Deliver {
    const ts = isoAt(this.settings.clock.now());
    if (item.expiredAt !== null) {
      return {
        type: "deliver",
        seq: item.seq,
        id: item.id,
        ts,
        event: "report_expired",
        data: { report_id: item.reportId, created_at: isoAt(item.createdMs), expired_at: item.expiredAt },
      };
    }
    const data = buildReportReadyData(item.report, this.doctor, this.clinic, this.settings.links);
    return { type: "deliver", seq: item.seq, id: item.id, ts, event: "report_ready", data };
  }
}
