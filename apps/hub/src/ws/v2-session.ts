import {
  LEGACY_CAPABILITIES,
  MAX_V2_INVALID_FRAMES,
  PROTOCOL_VERSION,
  STATUS_BURST,
  STATUSES_PER_SECOND,
  V2_AUTH_TIMEOUT_MS,
  type V2Auth,
  V2CloseCode,
  type V2ServerMessage,
} from "@sofia/protocol";
import { isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import { v2Protocol } from "../delivery/consumer-protocol.ts";
import { DeliveryPump, type PumpConsumer, type PumpSettings } from "../delivery/delivery-pump.ts";
import type { UserNotice } from "../delivery/live-connection.ts";
import type { Notifier } from "../delivery/notifier.ts";
import { doctorRecipient } from "../delivery/recipients.ts";
import type { AuthGuard } from "../security/auth-guard.ts";
import { ORIGIN_REFUSED, originAllowed } from "../security/origin-check.ts";
import { TokenBucket } from "../security/token-bucket.ts";
import type { Authenticator } from "../services/authenticator.ts";
import { type StatusClient, StatusRecorder } from "../services/status-recorder.ts";
import type { UserAccess } from "../services/user-access.ts";
import type { MailboxItem } from "../store/records.ts";
import { failureHandler } from "./failure-handler.ts";
import { Session } from "./session.ts";
import type { SocketPeer, SocketPort } from "./socket-port.ts";
import { errorMessage, parseClientMessage } from "./v2-client-frames.ts";
import { recordConnection, resumeCursor } from "./v2-connect.ts";
import { V2UserChannel } from "./v2-user-channel.ts";

/** What a v2 session needs from the rest of the hub. */
export interface V2SessionDeps extends PumpSettings {
  authenticator: Authenticator;
  registry: ConnectionRegistry;
  log: Logger;
  heartbeatMs: number;
  /** Statuses a connection may send in a burst, then per second. */
  statusRate: StatusRate;
  /** Care-team users (JWTs); absent, a JWT is refused like an unknown credential. */
  users?: UserAccess;
  /** Wakes the doctor's web apps when a status reaches their inbox. */
  notifier?: Notifier;
  /** Refusals of users' tokens count against the address like any other (keys and tokens use the authenticator's). */
  guard?: AuthGuard;
}

/** A connection's status budget. Default {@link STATUS_BURST}, then {@link STATUSES_PER_SECOND}. */
export interface StatusRate {
  burst: number;
  perSecond: number;
}

export const DEFAULT_STATUS_RATE: StatusRate = { burst: STATUS_BURST, perSecond: STATUSES_PER_SECOND };

/**
 * Input a connection may have waiting (4 MiB of characters): far above an honest client resending
 * a thousand statuses after a reconnect while its status budget drains, far below what a flood
 * of 64 KiB frames would otherwise queue in memory.
 */
const MAX_QUEUED_INPUT_CHARS = 4 * 1024 * 1024;

/** A compact JWS: three base64url parts. Keys and device tokens (`sdk_…`, `sdt_…`) never look like one. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const V2_ENDINGS = {
  replaced: { code: V2CloseCode.REPLACED, message: "replaced by a newer connection for this recipient" },
  revoked: { code: V2CloseCode.CREDENTIAL_REVOKED, message: "credential revoked" },
  shutdown: { code: V2CloseCode.GOING_AWAY, message: "server shutting down" },
  failed: { code: V2CloseCode.INTERNAL_ERROR, message: "the hub could not complete a request; reconnect" },
  resync: { code: V2CloseCode.RESYNC, message: "deliveries this client cannot read were skipped; reconnect" },
  expired: { code: V2CloseCode.TOKEN_EXPIRED, message: "the token expired: connect again with a fresh one" },
} as const;

/**
 * One socket on `/v2/ws` (docs/protocol-v2.md): `auth` within 10 s, then `welcome`, deliveries
 * from the resumed cursor (only the events the client said it reads), cumulative acks, statuses,
 * and the hub's heartbeat. Every input gets an answer or a documented close; nothing here throws.
 */
export class V2Session extends Session {
  private pump: DeliveryPump | null = null;
  /** Whose statuses this connection records: set at auth; the recorder is made at the first status. */
  private statusClient: StatusClient | null = null;
  private statuses: StatusRecorder | null = null;
  private user: V2UserChannel | null = null;
  private heardSinceBeat = true;
  /** An agent's connection: which agent, and when it last answered the heartbeat (the operator's view). */
  agent: { id: string; clinicId: string; lastHeartbeatMs: number } | null = null;
  private invalidFrames = 0;
  /** Characters received and not yet handled: bounded, so a flood cannot queue without end. */
  private queuedChars = 0;
  /** Made at the first status: a new bucket is full, so making it later changes nothing. */
  private statusBudget: TokenBucket | null = null;

  constructor(
    id: string,
    socket: SocketPort,
    private readonly peer: SocketPeer,
    private readonly deps: V2SessionDeps,
  ) {
    super(id, socket, deps.registry, deps.log, V2_ENDINGS);
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
    this.heardSinceBeat = true;
    const size = typeof frame === "string" ? frame.length : frame.byteLength;
    if (this.queuedChars + size > MAX_QUEUED_INPUT_CHARS) {
      this.fail(V2CloseCode.PROTOCOL_VIOLATION, "too many messages waiting to be handled; send more slowly");
      return;
    }
    this.queuedChars += size;
    this.serially(async () => {
      try {
        await this.handle(frame);
      } finally {
        this.queuedChars -= size;
      }
    });
  }

  private async handle(frame: string | Uint8Array): Promise<void> {
    if (this.state === "closed") return;
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
      if (message.type === "auth") await this.authenticate(message);
      else if (message.type === "ping") this.write({ type: "pong", ts: this.deps.clock.now() });
      else this.fail(V2CloseCode.PROTOCOL_VIOLATION, "the first message must be auth");
      return;
    }
    switch (message.type) {
      case "auth":
        this.invalid("already authenticated");
        return;
      case "ack":
        if ((await this.pump?.ack(message.seq)) === false)
          this.fail(V2CloseCode.PROTOCOL_VIOLATION, `ack of seq ${message.seq}, which was never sent`);
        return;
      case "status": {
        // Each status is a synced write: a connection gets a burst, then a steady rate. Waiting
        // here holds back this connection's later frames, not anyone else's.
        const { clock, statusRate } = this.deps;
        this.statusBudget ??= new TokenBucket(clock, statusRate.burst, statusRate.perSecond);
        await this.statusBudget.take();
        if (this.isClosed()) return;
        const result = await this.recorder()?.record(message);
        if (result?.ok) this.write({ type: "status_ack", status_id: message.status_id });
        else if (result?.invalid) this.invalid(result.reason);
        else if (result) this.write(errorMessage(V2CloseCode.GENERIC_ERROR, result.reason, false));
        return;
      }
      case "ping":
        this.write({ type: "pong", ts: this.deps.clock.now() });
        return;
      case "pong":
        if (this.agent) this.agent.lastHeartbeatMs = this.deps.clock.now();
        return;
      case "refresh":
        return this.user ? this.user.refresh(message.token) : this.invalid("refresh is for user tokens only");
      case "mark_read":
        return this.user ? this.user.markRead(message.ids) : this.invalid("mark_read is for user tokens only");
      case "inbox":
        return this.user ? this.user.inbox(message) : this.invalid("inbox is for user tokens only");
    }
  }

  wake(stored?: MailboxItem): void {
    void this.pump?.run(stored);
  }

  override notice(notice: UserNotice): void {
    if (this.state === "open") this.user?.notice(notice);
  }

  override closed(code: number): void {
    super.closed(code);
    this.user?.closed();
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

  private async authenticate(auth: V2Auth): Promise<void> {
    const { authenticator, clock, log } = this.deps;
    this.state = "authenticating";
    if (JWT_SHAPE.test(auth.credential)) return this.authenticateUser(auth);
    const result = await authenticator.v2(auth.credential, { remote: this.peer.remote, action: "socket.auth_failed" });
    if (this.isClosed()) return;
    if (!result.ok) {
      log.warn("v2 auth failed", { connection: this.id, reason: result.reason });
      if (result.reason === "rate_limited") {
        const wait = Math.ceil((result.retryAfterMs ?? 0) / 1000);
        return this.fail(V2CloseCode.RATE_LIMITED, `too many failed authentication attempts; retry in ${wait} s`);
      }
      const revoked = result.reason === "revoked";
      return this.fail(
        revoked ? V2CloseCode.CREDENTIAL_REVOKED : V2CloseCode.UNAUTHORIZED,
        revoked ? "credential revoked" : "authentication failed: unknown credential",
      );
    }
    const principal = result.value;
    const connection = { ...this.peer, clinic: principal.clinic, actor: principal.credential.id };
    if (!(await originAllowed(connection, this.deps))) {
      return this.fail(V2CloseCode.ORIGIN_NOT_ALLOWED, ORIGIN_REFUSED);
    }
    const capabilities = auth.capabilities ?? LEGACY_CAPABILITIES;
    const consumer: PumpConsumer = {
      id: principal.consumerId,
      recipient: doctorRecipient(principal.doctor.id),
      clinicId: principal.clinic.id,
      protocol: v2Protocol(capabilities),
    };
    const resumeFrom = await resumeCursor(this.deps, principal, consumer, auth.cursor ?? 0);
    if (this.isClosed()) return;
    this.admit(`v2:${consumer.id}`, consumer.recipient, principal.credential.id, {
      transport: "ws",
      protocol: "v2",
      role: principal.kind === "agent" ? "agent" : "doctor_key",
      clinic: principal.clinic.id,
    });
    if (principal.agentId !== null)
      this.agent = { id: principal.agentId, clinicId: principal.clinic.id, lastHeartbeatMs: clock.now() };
    this.statusClient = {
      consumerId: principal.consumerId,
      doctorId: principal.doctor.id,
      credentialId: principal.credential.id,
      clinicHasUsers: Boolean(principal.clinic.userAuth),
    };
    this.pump = new DeliveryPump(this, consumer, resumeFrom, this.deps, failureHandler(this));
    const at = isoAt(clock.now());
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
      server_time: at,
      capabilities,
    });
    await recordConnection(this.deps.store, { connection: this.id, principal, auth, capabilities, resumeFrom, at });
    log.info("v2 socket authenticated", {
      connection: this.id,
      consumer: consumer.id,
      revision: capabilities.revision,
    });
    void this.pump.run();
  }

  /** A care-team user's JWT: their inbox, on the device the client names. */
  private async authenticateUser(auth: V2Auth): Promise<void> {
    const { users, guard, log } = this.deps;
    const attempt = { remote: this.peer.remote, action: "socket.auth_failed" };
    const wait = guard?.retryAfterMs(attempt.remote, null) ?? 0;
    if (wait > 0) {
      await guard?.refused(attempt, null, "rate_limited");
      if (this.isClosed()) return;
      const seconds = Math.ceil(wait / 1000);
      return this.fail(V2CloseCode.RATE_LIMITED, `too many failed authentication attempts; retry in ${seconds} s`);
    }
    const result = users ? await users.verify(auth.credential) : null;
    if (this.isClosed()) return;
    if (!users || !result?.ok) {
      const reason = result?.ok === false ? result.reason : "no_users";
      log.warn("v2 user auth failed", { connection: this.id, reason });
      // The identity provider being down is not the client's failure.
      if (reason !== "keys_unavailable") await guard?.refused(attempt, null, reason);
      if (this.isClosed()) return;
      const expired = result?.ok === false && result.reason === "expired";
      return this.fail(
        expired ? V2CloseCode.TOKEN_EXPIRED : V2CloseCode.UNAUTHORIZED,
        `authentication failed: ${result?.ok === false ? result.reason : "this hub takes no user tokens"}`,
      );
    }
    const clinic = await this.deps.store.directory.getClinic(result.user.clinicId);
    if (this.isClosed()) return;
    const connection = { ...this.peer, clinic, actor: `user:${result.user.clinicId}:${result.user.id}` };
    if (!(await originAllowed(connection, this.deps))) return this.fail(V2CloseCode.ORIGIN_NOT_ALLOWED, ORIGIN_REFUSED);
    const user = result.user;
    this.user = await V2UserChannel.open(this, users, user, auth, this.deps, (recipient) =>
      // Users may keep several tabs open: each connection is its own slot, none replaces another.
      this.admit(`v2:user:${this.id}`, recipient, `user:${user.clinicId}:${user.id}`, {
        transport: "ws",
        protocol: "user",
        role: user.role,
        clinic: user.clinicId,
      }),
    );
    this.pump = this.user.pump;
    log.info("v2 user authenticated", { connection: this.id, role: user.role, clinic: user.clinicId });
  }

  /** The status recorder of a key or agent connection, made at its first status (`null` for a user's). */
  private recorder(): StatusRecorder | null {
    if (this.statuses || !this.statusClient) return this.statuses;
    const { store, clock, notifier, metrics } = this.deps;
    this.statuses = new StatusRecorder(store, this.statusClient, clock, notifier ?? null, metrics);
    return this.statuses;
  }

  invalid(reason: string): void {
    if (this.state !== "open") this.fail(V2CloseCode.PROTOCOL_VIOLATION, reason);
    else if (++this.invalidFrames > MAX_V2_INVALID_FRAMES)
      this.fail(V2CloseCode.PROTOCOL_VIOLATION, "too many invalid messages");
    else this.write(errorMessage(V2CloseCode.GENERIC_ERROR, reason, false));
  }

  protected errorFrame(code: number, message: string): string {
    return JSON.stringify(errorMessage(code, message, true));
  }

  write(message: V2ServerMessage): void {
    if (this.state !== "closed") this.socket.send(JSON.stringify(message));
  }
}
