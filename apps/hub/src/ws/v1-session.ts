import {
  AUTH_TIMEOUT_MS,
  CloseCode,
  type ErrorMessage,
  MAX_V1_INVALID_FRAMES,
  PONG,
  parseV1ClientFrame,
} from "@sofia/protocol";
import { type Clock, isoAt } from "../clock.ts";
import { type ConnectionRegistry, v1Slot } from "../delivery/connection-registry.ts";
import type { ReportDispatcher } from "../delivery/report-dispatcher.ts";
import type { Logger } from "../log.ts";
import type { Authenticator } from "../services/authenticator.ts";
import type { AuditLog } from "../store/store.ts";
import { Session } from "./session.ts";
import type { SocketPort } from "./socket-port.ts";

/** What a v1 session needs from the rest of the hub. */
export interface V1SessionDeps {
  authenticator: Authenticator;
  registry: ConnectionRegistry;
  dispatcher: ReportDispatcher;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
}

const V1_ENDINGS = {
  replaced: { code: CloseCode.REPLACED, message: "replaced by a newer connection for this doctor" },
  revoked: { code: CloseCode.POLICY_VIOLATION, message: "credential revoked" },
  shutdown: { code: CloseCode.GOING_AWAY, message: "server shutting down" },
} as const;

/**
 * One client socket on `/reports/ws`, exactly as the integration spec says: auth within 10 s or
 * 1008, wrong key → `error` + 1008, `ping` → `pong`, reports as `report_ready`. Every input,
 * however malformed, gets an answer or a documented close; nothing here throws.
 */
export class V1Session extends Session {
  private invalidFrames = 0;

  constructor(
    id: string,
    socket: SocketPort,
    private readonly remote: string,
    private readonly deps: V1SessionDeps,
  ) {
    super(id, socket, deps.registry, V1_ENDINGS);
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
        if (this.state === "authenticating")
          this.socket.send(this.errorFrame(CloseCode.GENERIC_ERROR, "authentication in progress"));
        else if (this.state === "open") this.invalid("already authenticated");
        else void this.authenticate(parsed.doctorKey);
        break;
      case "invalid":
        this.invalid(parsed.reason);
        break;
    }
  }

  override closed(code: number): void {
    const wasOpen = this.state === "open";
    super.closed(code);
    if (wasOpen) this.deps.log.info("socket closed", { connection: this.id, doctor: this.doctorId, code });
  }

  wake(): void {
    if (this.state === "open") void this.deps.dispatcher.kick(this.doctorId);
  }

  protected errorFrame(code: number, message: string): string {
    const error: ErrorMessage = { type: "error", message, code };
    return JSON.stringify(error);
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
    this.admit(v1Slot(doctor.id), doctor.id, credential.id);
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

  private invalid(reason: string): void {
    if (this.state !== "open") this.fail(CloseCode.POLICY_VIOLATION, `authentication required: ${reason}`);
    else if (++this.invalidFrames > MAX_V1_INVALID_FRAMES)
      this.fail(CloseCode.POLICY_VIOLATION, "too many invalid messages");
    else this.socket.send(this.errorFrame(CloseCode.GENERIC_ERROR, reason));
  }
}
