import {
  AUTH_TIMEOUT_MS,
  CloseCode,
  type ErrorMessage,
  MAX_V1_INVALID_FRAMES,
  PONG,
  parseV1ClientFrame,
} from "@sofia/protocol";
import { type Clock, isoAt, type TimerHandle } from "../clock.ts";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import { v1Slot } from "../delivery/connection-registry.ts";
import type { EndReason, LiveConnection, SendOutcome } from "../delivery/live-connection.ts";
import type { ReportDispatcher } from "../delivery/report-dispatcher.ts";
import type { Logger } from "../log.ts";
import type { Authenticator } from "../services/authenticator.ts";
import type { AuditLog } from "../store/store.ts";
import { type SocketPort, sendOutcome } from "./socket-port.ts";

/** What a v1 session needs from the rest of the hub. */
export interface V1SessionDeps {
  authenticator: Authenticator;
  registry: ConnectionRegistry;
  dispatcher: ReportDispatcher;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
}

type State = "awaiting_auth" | "authenticating" | "open" | "closed";

/**
 * One client socket on `/reports/ws`, from open to close, exactly as the integration spec says:
 * auth within 10 s or 1008, wrong key → `error` + 1008, `ping` → `pong`, reports as `report_ready`.
 * Every input, however malformed, gets an answer or a documented close; nothing here throws.
 */
export class V1Session implements LiveConnection {
  slot = "";
  doctorId = "";
  credentialId = "";
  backpressured = false;
  private state: State = "awaiting_auth";
  private authTimer: TimerHandle | null = null;
  private invalidFrames = 0;

  constructor(
    readonly id: string,
    private readonly socket: SocketPort,
    private readonly remote: string,
    private readonly deps: V1SessionDeps,
  ) {}

  opened(): void {
    this.authTimer = this.deps.clock.setTimeout(
      () => this.fail(CloseCode.POLICY_VIOLATION, 'authentication timeout: send {"doctor_key": ...} within 10 seconds'),
      AUTH_TIMEOUT_MS,
    );
  }

  received(frame: string | Uint8Array): void {
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
        if (this.state === "authenticating") this.sendError(CloseCode.GENERIC_ERROR, "authentication in progress");
        else if (this.state === "open") this.invalid("already authenticated");
        else void this.authenticate(parsed.doctorKey);
        break;
      case "invalid":
        this.invalid(parsed.reason);
        break;
    }
  }

  drained(): void {
    this.backpressured = false;
    if (this.state === "open") void this.deps.dispatcher.kick(this.doctorId);
  }

  closed(code: number): void {
    const wasOpen = this.state === "open";
    this.state = "closed";
    this.authTimer?.cancel();
    this.deps.registry.detach(this);
    if (wasOpen) this.deps.log.info("socket closed", { connection: this.id, doctor: this.doctorId, code });
  }

  send(text: string): SendOutcome {
    if (this.state !== "open") return "dropped";
    const outcome = sendOutcome(this.socket.send(text));
    if (outcome === "queued") this.backpressured = true;
    return outcome;
  }

  end(reason: EndReason): void {
    if (reason === "replaced") this.fail(CloseCode.REPLACED, "replaced by a newer connection for this doctor");
    else if (reason === "revoked") this.fail(CloseCode.POLICY_VIOLATION, "credential revoked");
    else this.fail(CloseCode.GOING_AWAY, "server shutting down");
  }

  wake(): void {
    if (this.state === "open") void this.deps.dispatcher.kick(this.doctorId);
  }

  private async authenticate(doctorKey: string): Promise<void> {
    this.state = "authenticating";
    const result = await this.deps.authenticator.doctor(doctorKey);
    const at = isoAt(this.deps.clock.now());
    // The socket may have closed while the store was being asked.
    if (this.isClosed()) return;
    if (!result.ok) {
      this.fail(CloseCode.POLICY_VIOLATION, "authentication failed: unknown or revoked doctor key");
      this.deps.log.warn("socket auth failed", { connection: this.id, reason: result.reason });
      await this.deps.audit.record({
        at,
        actor: result.claimedId ?? "anonymous",
        action: "socket.auth_failed",
        subject: null,
        clinicId: null,
        detail: { reason: result.reason, connection: this.id, remote: this.remote },
      });
      return;
    }
    const { doctor, credential } = result.value;
    this.authTimer?.cancel();
    this.state = "open";
    this.slot = v1Slot(doctor.id);
    this.doctorId = doctor.id;
    this.credentialId = credential.id;
    this.deps.registry.attach(this);
    await this.deps.audit.record({
      at,
      actor: credential.id,
      action: "socket.authenticated",
      subject: doctor.id,
      clinicId: doctor.clinicId,
      detail: { connection: this.id, remote: this.remote, protocol: "v1" },
    });
    this.deps.log.info("socket authenticated", { connection: this.id, doctor: doctor.id, key: credential.id });
    void this.deps.dispatcher.kick(doctor.id);
  }

  private isClosed(): boolean {
    return this.state === "closed";
  }

  private invalid(reason: string): void {
    if (this.state !== "open") this.fail(CloseCode.POLICY_VIOLATION, `authentication required: ${reason}`);
    else if (++this.invalidFrames > MAX_V1_INVALID_FRAMES)
      this.fail(CloseCode.POLICY_VIOLATION, "too many invalid messages");
    else this.sendError(CloseCode.GENERIC_ERROR, reason);
  }

  private fail(code: CloseCode, reason: string): void {
    if (this.state === "closed") return;
    this.sendError(code, reason);
    this.state = "closed";
    this.authTimer?.cancel();
    this.deps.registry.detach(this);
    this.socket.close(code, reason.slice(0, 120));
  }

  private sendError(code: CloseCode, message: string): void {
    const error: ErrorMessage = { type: "error", message, code };
    this.socket.send(JSON.stringify(error));
  }
}
