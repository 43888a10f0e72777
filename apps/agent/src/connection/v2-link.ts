import { type ClientEvent, SofiaClient } from "@sofia/client";
import { isReportDelivery, TargetRef, type V2Deliver } from "@sofia/protocol";
import { credentialLabel } from "../secrets/credential-store.ts";
import { VERSION } from "../version.ts";
import type { Link, LinkDeps } from "./link.ts";
import { observedSockets } from "./link.ts";
import { explainClose } from "./plain-language.ts";

/**
 * Protocol v2 through `@sofia/client`. Each delivery is committed to the journal together with the
 * cursor before the client acknowledges it, so a crash at any point loses nothing and a resend is
 * recognised by its report id. The cursor is kept per credential id: a device token belongs to one
 * hub, so a cursor is never offered to a hub it does not belong to.
 */
export class V2Link implements Link {
  private readonly client: SofiaClient;
  private readonly credentialId: string;
  private readonly sending = new Set<string>();

  constructor(private readonly deps: LinkDeps) {
    this.credentialId = credentialLabel(deps.credential);
    const { tuning, clock, board } = deps;
    const { v1PingMs: _v1Only, ...clientTuning } = tuning;
    this.client = new SofiaClient({
      // The client applies its own default to each knob left unset (`undefined`).
      ...clientTuning,
      url: () => deps.rotation.current(),
      credential: () => deps.credential,
      cursor: {
        load: () => deps.journal.cursor(this.credentialId),
        save: (seq) => deps.journal.saveCursor(this.credentialId, seq),
      },
      onDelivery: (delivery) => this.journaled(delivery),
      // The agent announces only report events, so a hub sends it nothing else; should one still
      // arrive unreadable, it is logged (ids only) and acknowledged rather than blocking reports.
      onUnreadable: (delivery, reason) =>
        deps.log.warn("unreadable delivery acknowledged without processing", {
          seq: delivery.seq,
          delivery_id: delivery.id,
          event: delivery.event,
          reason,
        }),
      onEvent: (event) => this.observe(event),
      clock,
      random: deps.random,
      createSocket: observedSockets(deps.createSocket, () =>
        board.update({ lastHeardAt: new Date(clock.now()).toISOString() }),
      ),
      client: { name: "sofia-agent", version: VERSION },
    });
  }

  async start(): Promise<void> {
    this.deps.board.update({ protocol: "v2", credentialId: this.credentialId, problem: null });
    await this.client.start();
  }

  stop(): void {
    this.client.stop();
  }

  reconnectNow(reason: string): void {
    this.deps.rotation.reset();
    this.client.reconnectNow(reason);
  }

  flushStatuses(): void {
    for (const row of this.deps.journal.pendingStatuses()) {
      if (this.sending.has(row.status_id)) continue;
      this.sending.add(row.status_id);
      this.client
        .sendStatus({
          reportId: row.report_id,
          status: row.status,
          statusId: row.status_id,
          ...(row.reason !== null ? { reason: row.reason } : {}),
          ...(row.target !== null ? { target: TargetRef.parse(JSON.parse(row.target)) } : {}),
        })
        .then(() => this.deps.journal.statusConfirmed(row.status_id))
        .catch(() => {}) // the client stopped: the row stays queued for the next link
        .finally(() => this.sending.delete(row.status_id));
    }
  }

  private journaled(delivery: V2Deliver): void {
    // The agent announces report events only; anything else is acknowledged, as unreadable ones are.
    if (!isReportDelivery(delivery)) {
      this.deps.log.warn("delivery of an event the agent does not take acknowledged", {
        seq: delivery.seq,
        event: delivery.event,
      });
      return;
    }
    const recorded = this.deps.journal.recordDelivery(delivery, this.credentialId);
    const reportId = delivery.data.report_id;
    this.deps.log.info(recorded === "new" ? "report journaled" : "duplicate report recognised", {
      report_id: reportId,
      seq: delivery.seq,
      event: delivery.event,
    });
    if (recorded === "new") {
      this.deps.onJournaled();
      this.flushStatuses();
    }
  }

  private observe(event: ClientEvent): void {
    const { board, clock, log, rotation } = this.deps;
    const at = new Date(clock.now()).toISOString();
    switch (event.type) {
      case "state":
        board.update({ state: event.state, ...(event.state === "connecting" ? { endpoint: rotation.current() } : {}) });
        break;
      case "welcome":
        rotation.connected();
        board.update({
          connectedSince: at,
          problem: null,
          retryAt: null,
          ...(event.welcome.principal.kind === "user" ? {} : { doctorId: event.welcome.principal.doctor_id }),
          clinicId: event.welcome.principal.clinic_id,
        });
        log.info("connected", { endpoint: board.status.endpoint, resume_from: event.welcome.resume_from });
        this.flushStatuses();
        break;
      case "closed": {
        rotation.closed();
        const problem = explainClose(event.code, event.advice, event.retryInMs, "v2");
        board.update({ connectedSince: null, problem, retryAt: new Date(clock.now() + event.retryInMs).toISOString() });
        log.warn("disconnected", { code: event.code, advice: event.advice, retry_in_ms: event.retryInMs });
        break;
      }
      case "clock_jump":
        log.info("wall clock jumped (sleep or hibernate): reconnecting", { jump_ms: event.jumpMs });
        break;
      case "error":
        log.warn("connection problem", { message: event.message.slice(0, 200) });
        break;
      case "hi":
        log.info("hi from the hub");
        break;
    }
  }
}
