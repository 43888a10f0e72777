import {
  AUTH_TIMEOUT_MS,
  CloseCode,
  type ErrorMessage,
  MAX_V1_INVALID_FRAMES,
  PONG,
  parseV1ClientFrame,
} from "@sofia/protocol";
import { isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import { V1_PROTOCOL } from "../delivery/consumer-protocol.ts";
import { DeliveryPump, type PumpSettings } from "../delivery/delivery-pump.ts";
import { doctorRecipient, v1Consumer } from "../delivery/recipients.ts";
import { ORIGIN_REFUSED, originAllowed } from "../security/origin-check.ts";
import type { Authenticator } from "../services/authenticator.ts";
import type { MailboxItem } from "../store/records.ts";
import { failureHandler } from "./failure-handler.ts";
import { Session } from "./session.ts";
import type { SocketPeer, SocketPort } from "./socket-port.ts";

/** What a v1 session needs from the rest of the hub. */
export interface V1SessionDeps extends PumpSettings {
  authenticator: Authenticator;
  registry: ConnectionRegistry;
  log: Logger;
}

const V1_ENDINGS = {
  replaced: { code: CloseCode.REPLACED, message: "replaced by a newer connection for this doctor" },
  revoked: { code: CloseCode.POLICY_VIOLATION, message: "credential revoked" },
  shutdown: { code: CloseCode.GOING_AWAY, message: "server shutting down" },
  failed: { code: CloseCode.INTERNAL_ERROR, message: "the hub could not complete a request; reconnect" },
  resync: { code: CloseCode.GOING_AWAY, message: "reconnect to resume" },
  expired: { code: CloseCode.POLICY_VIOLATION, message: "credential expired" },
} as const;

/**
 * One client socket on `/reports/ws`, exactly as the integration spec says: auth within 10 s or
 * 1008, wrong key → `error` + 1008, `ping` → `pong`, reports as `report_ready`. Reports come from
 * the doctor's mailbox through the same engine as v2, as consumer `v1:<doctor>` whose cursor moves
 * as reports are written to the socket. Every input, however malformed, gets an answer or a
 * documented close; nothing here throws.
 */
export class V1Session extends Session {
  private invalidFrames = 0;
  private pump: DeliveryPump | null = null;

  constructor(
    id: string,
    socket: SocketPort,
    private readonly peer: SocketPeer,
    private readonly deps: V1SessionDeps,
  ) {
    super(id, socket, deps.registry, deps.log, V1_ENDINGS);
  }

  opened(): void {
    this.armAuthDeadline(
      this.deps.clock,
      AUTH_TIMEOUT_MS,
      CloseCode.POLICY_VIOLATION,
      'authentication timeout: send {"doctor_key": ...} within 10 seconds',
    );
  }

  received(frame: string | Uint8Array): void {
    this.serially(() => this.handle(frame));
  }

  private async handle(frame: string | Uint8Array): Promise<void> {
    if (this.state === "closed") return;
    if (typeof frame !== "string") {
      this.invalid("binary frames are not supported: send JSON text frames");
      return;
    }
    const parsed = parseV1ClientFrame(frame);
    switch (parsed.kind) {
      case "ping":
        this.socket.send(parsed.json ? JSON.stringify({ type: "pong" }) : PONG);
        break;
      case "auth":
        if (this.state === "open") this.invalid("already authenticated");
        else await this.authenticate(parsed.doctorKey);
        break;
      case "invalid":
        this.invalid(parsed.reason);
        break;
    }
  }

  override closed(code: number): void {
    const wasOpen = this.state === "open";
    super.closed(code);
    if (wasOpen) this.deps.log.info("socket closed", { connection: this.id, consumer: this.slot, code });
  }

  wake(stored?: MailboxItem): void {
    if (this.state === "open") void this.pump?.run(stored);
  }

  protected errorFrame(code: number, message: string): string {
    const error: ErrorMessage = { type: "error", message, code };
    return JSON.stringify(error);
  }

  private async authenticate(doctorKey: string): Promise<void> {
    const { authenticator, store, clock, log } = this.deps;
    this.state = "authenticating";
    const result = await authenticator.doctor(doctorKey, { remote: this.peer.remote, action: "socket.auth_failed" });
    // The socket may have closed while the store was being asked.
    if (this.isClosed()) return;
    if (!result.ok) {
      // Refusals are audited (aggregated) by the authenticator's guard.
      log.warn("socket auth failed", { connection: this.id, reason: result.reason });
      const wait = Math.ceil((result.retryAfterMs ?? 0) / 1000);
      return this.fail(
        CloseCode.POLICY_VIOLATION,
        result.reason === "rate_limited"
          ? `too many failed authentication attempts; retry in ${wait} s`
          : "authentication failed: unknown or revoked doctor key",
      );
    }
    const at = isoAt(clock.now());
    const { doctor, credential } = result.value;
    if (this.peer.origin !== null) {
      // A web page: only from an origin the doctor's clinic allows.
      const clinic = await store.directory.getClinic(doctor.clinicId);
      if (this.isClosed()) return;
      const connection = { ...this.peer, clinic, actor: credential.id };
      if (!(await originAllowed(connection, this.deps))) {
        return this.fail(CloseCode.POLICY_VIOLATION, ORIGIN_REFUSED);
      }
    }
    const consumer = {
      id: v1Consumer(doctor.id),
      recipient: doctorRecipient(doctor.id),
      clinicId: doctor.clinicId,
      protocol: V1_PROTOCOL,
    };
    const cursor = await store.mailbox.openCursor(consumer.id, consumer.recipient, "beginning", at);
    if (this.isClosed()) return;
    this.admit(consumer.id, consumer.recipient, credential.id, {
      transport: "ws",
      protocol: "v1",
      role: "doctor_key",
      clinic: doctor.clinicId,
    });
    this.pump = new DeliveryPump(this, consumer, cursor, this.deps, failureHandler(this));
    await store.audit.record({
      at,
      actor: credential.id,
      action: "socket.authenticated",
      subject: doctor.id,
      clinicId: doctor.clinicId,
      detail: { connection: this.id, remote: this.peer.remote, protocol: "v1" },
    });
    log.info("socket authenticated", { connection: this.id, doctor: doctor.id, key: credential.id });
    void this.pump.run();
  }

  private invalid(reason: string): void {
    if (this.state !== "open") this.fail(CloseCode.POLICY_VIOLATION, `authentication required: ${reason}`);
    else if (++this.invalidFrames > MAX_V1_INVALID_FRAMES)
      this.fail(CloseCode.POLICY_VIOLATION, "too many invalid messages");
    else this.socket.send(this.errorFrame(CloseCode.GENERIC_ERROR, reason));
  }
}
