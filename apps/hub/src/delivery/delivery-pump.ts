import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { ClinicRates } from "../console/clinic-rates.ts";
import type { HubMetrics } from "../metrics/index.ts";
import type { MailboxItem } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";
import { CoalescedRun } from "./coalesced-run.ts";
import type { ConsumerProtocol } from "./consumer-protocol.ts";
import type { DeliveryData } from "./delivery-data.ts";
import { ItemSource } from "./item-source.ts";
import type { EndReason, SendOutcome } from "./live-connection.ts";
import { isDoctorRecipient } from "./recipients.ts";

/** The socket a pump feeds, taking frames of type `Frame` (text for v1 and v2). */
export interface PumpTarget<Frame = string> {
  readonly id: string;
  readonly credentialId: string;
  readonly open: boolean;
  readonly backpressured: boolean;
  send(frame: Frame): SendOutcome;
  end(reason: EndReason): void;
}

/** Fixed settings shared by every pump of a hub. */
export interface PumpSettings {
  store: HubStore;
  data: DeliveryData;
  clock: Clock;
  log: Logger;
  retentionMs: number;
  /** v2 deliveries sent ahead of acknowledgements. */
  window: number;
  /** Where publish-to-delivery latencies go. */
  metrics?: HubMetrics;
  /** The same, per clinic, for the operator's view. */
  rates?: ClinicRates;
}

/** Who the pump delivers to. */
export interface PumpConsumer<Frame = string> {
  id: string;
  recipient: string;
  clinicId: string;
  protocol: ConsumerProtocol<Frame>;
  /**
   * Whether the consumer may have this item at all, asked at every delivery (a user's role may
   * have changed since the publish: the notification policy applies again). Refused items are
   * skipped like unreadable ones. Absent: every item.
   */
  admits?: (item: MailboxItem) => boolean;
}

const BATCH = 50;

/** A delivery written to the socket, and the report whose timeline records it (if any). */
interface Sent {
  seq: number;
  reportId: string | null;
}

/**
 * Feeds one socket from its consumer's durable mailbox, in seq order: the one delivery engine for
 * v1 and v2. Nothing waits in memory: a client that stops acknowledging (v2: at most `window`
 * unacknowledged) or reading (backpressure) stops being sent to, and the rest waits in the store.
 * Items past retention go out as `report_expired` tombstones (v2) or not at all (v1). Items the
 * client cannot read are skipped and acknowledged on its behalf (recorded in the timeline), so a
 * new kind of delivery never strands an old client. Failures go to `onFailure`, which ends the
 * session: the client reconnects and resumes from its durable cursor.
 */
export class DeliveryPump<Frame = string> {
  /** Highest seq this connection has dealt with: sent, or skipped as unreadable. */
  private dealtSeq: number;
  /** Highest seq actually sent on this connection (a client may acknowledge up to it). */
  private sentSeq: number;
  private inFlight: number[] = [];
  /** Skipped seqs not yet acknowledged; made on first use, like the map below (an idle pump keeps neither). */
  private skipped: number[] | null = null;
  /** When each delivery in flight was published (epoch ms), for the latency metrics. */
  private publishedMs: Map<number, number> | null = null;
  private readonly runner: CoalescedRun;
  /** Calls to {@link run}: wake-ups (something stored, the socket drained, attached). */
  private wakes = 0;
  /**
   * `wakes` when a read last found the mailbox exhausted (a short read, every item dealt with).
   * While no wake-up has come since, nothing new is stored and a pass need not ask the store.
   */
  private exhaustedAt = -1;
  /** The next items: handed over by the publishes that stored them, or read from the store. */
  private readonly source: ItemSource;

  constructor(
    private readonly target: PumpTarget<Frame>,
    private readonly consumer: PumpConsumer<Frame>,
    private ackedSeq: number,
    private readonly settings: PumpSettings,
    onFailure: (error: unknown) => void,
  ) {
    this.dealtSeq = ackedSeq;
    this.sentSeq = ackedSeq;
    this.runner = new CoalescedRun(() => this.drain(), onFailure);
    this.source = new ItemSource(settings.store.mailbox, consumer.recipient);
    // A consumer that acknowledged deliveries before is reconnecting: the reconnection rate.
    if (ackedSeq > 0) {
      const { name } = consumer.protocol;
      const user = !isDoctorRecipient(consumer.recipient);
      settings.metrics?.resumed(name === "socket.io" ? "socket.io" : "ws", user ? "user" : name === "v1" ? "v1" : "v2");
      settings.rates?.resumed(consumer.clinicId);
    }
  }

  /**
   * Sends what is waiting. Concurrent calls coalesce into one more pass. `stored`, when given, is
   * the item whose commit caused the call: it is sent without reading the store if it is next.
   */
  run(stored?: MailboxItem): Promise<void> {
    this.wakes++;
    const full = this.consumer.protocol.acknowledges && this.inFlight.length >= this.settings.window;
    this.source.woken(stored, !full && !this.target.backpressured);
    return this.runner.run();
  }

  /**
   * Applies a cumulative v2 ack. Returns `false` when it acknowledges a seq above the highest
   * sent on this connection (a protocol violation); acks at or below the cursor are repeats.
   */
  async ack(seq: number): Promise<boolean> {
    if (seq > this.sentSeq) return false;
    if (seq <= this.ackedSeq) return true;
    // Everything after the last delivery sent was skipped: acknowledging it covers them too.
    await this.acknowledge(seq === this.sentSeq ? this.dealtSeq : seq);
    // The window has room again: a pass sends more, asking the store only if it may hold more.
    void this.runner.run();
    return true;
  }

  private async acknowledge(upTo: number): Promise<void> {
    const unsupported = this.skipped?.filter((s) => s <= upTo) ?? [];
    const at = isoAt(this.settings.clock.now());
    const acked = await this.settings.store.mailbox.ack(this.consumer.id, upTo, at, unsupported);
    this.ackedSeq = Math.max(this.ackedSeq, acked);
    for (const seq of this.inFlight) if (seq <= this.ackedSeq) this.delivered(seq);
    this.inFlight = this.inFlight.filter((s) => s > this.ackedSeq);
    const skipped = this.skipped?.filter((s) => s > this.ackedSeq) ?? [];
    this.skipped = skipped.length > 0 ? skipped : null;
  }

  private async drain(): Promise<void> {
    const { protocol } = this.consumer;
    for (;;) {
      const room = protocol.acknowledges ? this.settings.window - this.inFlight.length : BATCH;
      if (room <= 0 || !this.target.open || this.target.backpressured) break;
      // An ack's pass after a read that found nothing more, with no wake-up since: one store call
      // per ack saved. A wake-up during that read counts: it may be for an item the read missed.
      if (this.exhaustedAt === this.wakes) break;
      const wakes = this.wakes;
      const limit = Math.min(room, BATCH);
      const items = await this.source.next(this.dealtSeq, limit);
      if (items.length === 0) {
        if (this.source.dealtWith(items, limit, this.dealtSeq)) this.exhaustedAt = wakes;
        break;
      }
      const sent: Sent[] = [];
      let stop = false;
      for (const item of items) {
        if (!this.target.open || this.target.backpressured) break;
        const outcome = await this.deliver(item);
        if (outcome === "blocked" || outcome === "dropped") {
          stop = true;
          break;
        }
        if (outcome !== "skipped") sent.push(outcome);
      }
      // The whole mailbox, or else (a full batch, one cut short, handed items past a gap) the
      // next batch reads the store.
      const whole = this.source.dealtWith(items, limit, this.dealtSeq);
      if (whole) this.exhaustedAt = wakes;
      await this.recordSent(sent);
      // Asking again would find nothing (a store call per pass saved). An item stored since is
      // not missed: its notify arrives during or after this pass, and CoalescedRun runs one more
      // pass for it.
      if (stop || whole) break;
    }
    await this.settleSkipped();
  }

  /** One item: sent, skipped, or (revision-0 client, unreadable item mid-connection) blocked. */
  private async deliver(item: MailboxItem): Promise<Sent | "skipped" | "blocked" | "dropped"> {
    const { protocol } = this.consumer;
    const expired = await this.expiredAt(item);
    const event = expired === null ? item.event : item.reportId !== null ? "report_expired" : null;
    if (event === null || !protocol.accepts(event) || this.consumer.admits?.(item) === false) {
      if (!protocol.skipsSilently) return "blocked";
      this.dealtSeq = item.seq;
      if (protocol.acknowledges) this.skip([item.seq]);
      return "skipped";
    }
    const ts = isoAt(this.settings.clock.now());
    const data = await this.settings.data.of(item, expired);
    const outcome = this.target.send(protocol.frame({ seq: item.seq, id: item.id, event, ts }, data));
    if (outcome === "dropped") return "dropped";
    this.dealtSeq = item.seq;
    this.sentSeq = item.seq;
    if (protocol.acknowledges) this.inFlight.push(item.seq);
    if (expired === null) {
      this.publishedMs ??= new Map();
      this.publishedMs.set(item.seq, item.createdMs);
    }
    // A tombstone is not the report being sent: its timeline already says `expired`.
    return { seq: item.seq, reportId: expired === null ? item.reportId : null };
  }

  private skip(seqs: number[]): void {
    if (this.skipped) this.skipped.push(...seqs);
    else this.skipped = [...seqs];
  }

  /** When the item expired: as stored, or now if it has just passed retention (then recorded). */
  private async expiredAt(item: MailboxItem): Promise<string | null> {
    if (item.expiredAt !== null) return item.expiredAt;
    const now = this.settings.clock.now();
    if (item.createdMs >= now - this.settings.retentionMs) return null;
    const at = isoAt(now);
    await this.settings.store.mailbox.expire(now - this.settings.retentionMs, at, {
      recipient: item.recipient,
      seqs: [item.seq],
    });
    return at;
  }

  /** One write per pass: the `sent` events, an audit record, and (v1) the cursor. */
  private async recordSent(sent: Sent[]): Promise<void> {
    const { protocol } = this.consumer;
    const advance = !protocol.acknowledges && this.dealtSeq > this.ackedSeq;
    if (sent.length === 0 && !advance) return;
    const at = isoAt(this.settings.clock.now());
    const detail = { protocol: protocol.name, consumer: this.consumer.id, connection: this.target.id };
    await this.settings.store.mailbox.recordSent({
      consumerId: this.consumer.id,
      at,
      events: sent.flatMap(({ seq, reportId }) =>
        reportId === null ? [] : [{ reportId, at, type: "sent" as const, detail: { ...detail, seq } }],
      ),
      audit:
        sent.length === 0
          ? null
          : {
              at,
              actor: this.target.credentialId,
              action: "deliveries.sent",
              subject: this.consumer.id,
              clinicId: this.consumer.clinicId,
              detail: { ...detail, count: sent.length, first_seq: sent[0]?.seq ?? 0, last_seq: sent.at(-1)?.seq ?? 0 },
            },
      advanceTo: advance ? this.dealtSeq : null,
    });
    if (advance) this.ackedSeq = this.dealtSeq;
    // Where writing is delivering (v1, a Socket.IO client that does not acknowledge), it is done.
    if (!protocol.acknowledges) for (const { seq } of sent) this.delivered(seq);
    if (sent.length > 0) {
      this.settings.log.info("deliveries sent", { ...detail, count: sent.length, last_seq: sent.at(-1)?.seq ?? 0 });
    }
  }

  /** Observes a delivery's publish-to-delivery latency: a report to a clinic client, or anything to a user. */
  private delivered(seq: number): void {
    const publishedMs = this.publishedMs?.get(seq);
    this.publishedMs?.delete(seq);
    if (this.publishedMs?.size === 0) this.publishedMs = null; // its storage outlives its entries
    const { metrics, rates } = this.settings;
    if (publishedMs === undefined) return;
    const seconds = (this.settings.clock.now() - publishedMs) / 1000;
    const toUser = !isDoctorRecipient(this.consumer.recipient);
    rates?.delivered(this.consumer.clinicId, toUser ? seconds * 1000 : null);
    if (!metrics) return;
    const { name } = this.consumer.protocol;
    if (!isDoctorRecipient(this.consumer.recipient))
      metrics.notificationDelivered(name === "socket.io" ? "socket.io" : "ws", seconds);
    else if (name !== "socket.io") metrics.reportDelivered(name, seconds);
  }

  /**
   * What is left when the client has acknowledged everything sent: skipped items after it. A
   * revision-1 client is past them already; they are acknowledged on its behalf. A revision-0
   * client stopped at an unreadable item: those up to the next readable one are acknowledged on
   * its behalf and it is asked to reconnect, resuming after them.
   */
  private async settleSkipped(): Promise<void> {
    const { protocol } = this.consumer;
    if (!protocol.acknowledges || this.inFlight.length > 0 || !this.target.open) return;
    if (protocol.skipsSilently) {
      if (this.dealtSeq > this.ackedSeq) await this.acknowledge(this.dealtSeq);
      return;
    }
    const run = await unreadableRun(this.settings.store, this.consumer, this.ackedSeq);
    if (run.length === 0) return;
    this.skip(run);
    await this.acknowledge(run.at(-1) ?? this.ackedSeq);
    this.target.end("resync");
  }
}

/**
 * The seqs right after `afterSeq` that the consumer cannot read, up to the first it can. A new
 * revision-0 connection acknowledges these on its behalf before its `welcome`, so it starts after
 * them without a reconnect.
 */
export async function unreadableRun<Frame>(
  store: HubStore,
  consumer: PumpConsumer<Frame>,
  afterSeq: number,
): Promise<number[]> {
  const run: number[] = [];
  for (let from = afterSeq; ; ) {
    const items = await store.mailbox.itemsAfter(consumer.recipient, from, BATCH);
    for (const item of items) {
      const event = item.expiredAt === null ? item.event : item.reportId !== null ? "report_expired" : null;
      if (event !== null && consumer.protocol.accepts(event) && consumer.admits?.(item) !== false) return run;
      run.push(item.seq);
    }
    if (items.length < BATCH) return run;
    from = items.at(-1)?.seq ?? from;
  }
}
