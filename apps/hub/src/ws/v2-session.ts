import {
  adviseOnV2Close,
  MAX_V2_INVALID_FRAMES,
  PROTOCOL_VERSION,
  V2_AUTH_TIMEOUT_MS,
  V2ClientMessage,
  V2CloseCode,
  type V2Error,
  type V2ServerMessage,
} from "@sofia/protocol";
import { type Clock, isoAt } from "../clock.ts";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import { MailboxPump, type PumpSettings } from "../delivery/mailbox-pump.ts";
import type { Authenticator, V2Principal } from "../services/authenticator.ts";
import { StatusRecorder } from "../services/status-recorder.ts";
import { Session } from "./session.ts";
import type { SocketPort } from "./socket-port.ts";

/** What a v2 session needs from the rest of the hub. */
export interface V2SessionDeps extends PumpSettings {
  authenticator: Authenticator;
  registry: ConnectionRegistry;
  clock: Clock;
  heartbeatMs: number;
}

const V2_ENDINGS = {
  replaced: { code: V2CloseCode.REPLACED, message: "replaced by a newer connection for this recipient" },
  revoked: { code: V2CloseCode.CREDENTIAL_REVOKED, message: "credential revoked" },
  shutdown: { code: V2CloseCode.GOING_AWAY, message: "server shutting down" },
} as const;

/**
 * One socket on `/v2/ws` (docs/protocol-v2.md): `auth` within 10 s, then `welcome`, deliveries
 * from the resumed cursor, cumulative acks, statuses, and the hub's heartbeat. Every input gets an
 * answer or a documented close; nothing here throws.
 */
export class V2Session extends Session {
  private pump: MailboxPump | null = null;
  private statuses: StatusRecorder | null = null;
  private heardSinceBeat = true;
  private invalidFrames = 0;

  constructor(
    id: string,
    socket: SocketPort,
    private readonly deps: V2SessionDeps,
  ) {
    super(id, socket, deps.registry, V2_ENDINGS);
  }

  get open(): boolean {
    return this.state === "open";
  }

  opened(): void {
    this.armAuthDeadline(
      this.deps.clock,
      V2_AUTH_TIMEOUT_MS,
      V2CloseCode.AUTH_TIMEOUT,
      "authentication timeout: send auth within 10 seconds",
    );
  }

  received(frame: string | Uint8Array): void {
    if (this.state === "closed") return;
    this.heardSinceBeat = true;
    const parsed =
      typeof frame === "string"
        ? parseClientMessage(frame)
        : { ok: false as const, reason: "binary frames are not supported" };
    if (!parsed.ok) {
      this.invalid(parsed.reason);
      return;
    }
    const message = parsed.message;
    if (this.state !== "open") {
      if (message.type === "auth" && this.state === "awaiting_auth")
        void this.authenticate(message.credential, message.cursor ?? 0);
      else if (message.type === "ping") this.write({ type: "pong", ts: this.deps.clock.now() });
      else this.fail(V2CloseCode.PROTOCOL_VIOLATION, "the first message must be auth");
      return;
    }
    switch (message.type) {
      case "auth":
        this.invalid("already authenticated");
        return;
      case "ack":
        void this.pump
          ?.ack(message.seq)
          .then(
            (ok) => ok || this.fail(V2CloseCode.PROTOCOL_VIOLATION, `ack of seq ${message.seq}, which was never sent`),
          );
        return;
      case "status":
        void this.statuses
          ?.record(message)
          .then((result) =>
            result.ok ? this.write({ type: "status_ack", status_id: message.status_id }) : this.invalid(result.reason),
          );
        return;
      case "ping":
        this.write({ type: "pong", ts: this.deps.clock.now() });
        return;
      case "pong":
        return;
    }
  }

  wake(): void {
    void this.pump?.run();
  }

  /**
   * One heartbeat: pings the client, or ends the socket if it has sent nothing since the previous
   * ping (a whole interval, longer than the documented 20 s pong timeout).
   */
  beat(nowMs: number): void {
    if (this.state !== "open") return;
    if (this.heardSinceBeat) {
      this.heardSinceBeat = false;
      this.write({ type: "ping", ts: nowMs });
    } else {
      this.fail(V2CloseCode.HEARTBEAT_TIMEOUT, "no pong to the last ping");
    }
  }

  private async authenticate(credential: string, clientCursor: number): Promise<void> {
    this.state = "authenticating";
    const result = await this.deps.authenticator.v2(credential);
    if (this.isClosed()) return;
    if (!result.ok) {
      const revoked = result.reason === "revoked";
      this.deps.log.warn("v2 auth failed", { connection: this.id, reason: result.reason });
      return this.fail(
        revoked ? V2CloseCode.CREDENTIAL_REVOKED : V2CloseCode.UNAUTHORIZED,
        revoked ? "credential revoked" : "authentication failed: unknown credential",
      );
    }
    const principal = result.value;
    const resumeFrom = await this.resumeCursor(principal, clientCursor);
    if (this.isClosed()) return;
    this.admit(`v2:${principal.consumerId}`, principal.doctor.id, principal.credential.id);
    this.statuses = new StatusRecorder(this.deps.store, principal, this.deps.clock);
    this.pump = new MailboxPump(this, principal.consumerId, principal.doctor, principal.clinic, resumeFrom, this.deps);
    this.write({
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      session_id: this.id,
      principal: {
        kind: principal.kind,
        doctor_id: principal.doctor.id,
        clinic_id: principal.clinic.id,
        credential_id: principal.credential.id,
        agent_id: principal.agentId,
      },
      heartbeat_ms: this.deps.heartbeatMs,
      resume_from: resumeFrom,
      server_time: isoAt(this.deps.clock.now()),
    });
    await this.deps.store.audit.record({
      at: isoAt(this.deps.clock.now()),
      actor: principal.credential.id,
      action: "socket.authenticated",
      subject: principal.consumerId,
      clinicId: principal.clinic.id,
      detail: { connection: this.id, protocol: "v2", resume_from: resumeFrom },
    });
    this.deps.log.info("v2 socket authenticated", { connection: this.id, consumer: principal.consumerId });
    void this.pump.run();
  }

  /**
   * Where delivery resumes: the stored cursor, moved forward to the client's when the client has
   * safely processed more than the hub recorded (its last acks were lost). The hub never goes
   * back: what a consumer acknowledged is not sent again.
   */
  private async resumeCursor(principal: V2Principal, clientCursor: number): Promise<number> {
    const { mailbox } = this.deps.store;
    const at = isoAt(this.deps.clock.now());
    const stored = await mailbox.openCursor(principal.consumerId, principal.doctor.id, principal.cursorFrom, at);
    const target = Math.min(clientCursor, await mailbox.head(principal.doctor.id));
    return target > stored ? mailbox.ack(principal.consumerId, target, at) : stored;
  }

  private invalid(reason: string): void {
    if (this.state !== "open") this.fail(V2CloseCode.PROTOCOL_VIOLATION, reason);
    else if (++this.invalidFrames > MAX_V2_INVALID_FRAMES)
      this.fail(V2CloseCode.PROTOCOL_VIOLATION, "too many invalid messages");
    else this.write(errorMessage(V2CloseCode.GENERIC_ERROR, reason, false));
  }

  protected errorFrame(code: number, message: string): string {
    return JSON.stringify(errorMessage(code, message, true));
  }

  private write(message: V2ServerMessage): void {
    if (this.state !== "closed") this.socket.send(JSON.stringify(message));
  }
}

function errorMessage(code: number, message: string, fatal: boolean): V2Error {
  return { type: "error", code, message, fatal, advice: fatal ? adviseOnV2Close(code) : "retry" };
}

/** Parses one text frame, with a reason a client developer can act on when it is invalid. */
function parseClientMessage(text: string): { ok: true; message: V2ClientMessage } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "malformed JSON" };
  }
  const parsed = V2ClientMessage.safeParse(value);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return { ok: false, reason: `invalid message: ${where}${issue?.message ?? "unknown"}`.slice(0, 200) };
}
