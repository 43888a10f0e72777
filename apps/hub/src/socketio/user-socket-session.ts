import { isoAt } from "@sofia/runtime/clock";
import { errorCode, type Logger } from "@sofia/runtime/log";
import type { DefaultEventsMap, Socket } from "socket.io";
import { z } from "zod";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import { DeliveryPump, type PumpSettings, type PumpTarget } from "../delivery/delivery-pump.ts";
import type { EndReason, LiveConnection, SendOutcome, UserNotice } from "../delivery/live-connection.ts";
import { newConnectionId } from "../ids.ts";
import type { ConnectionKind } from "../metrics/labels.ts";
import { identityOf, type UserAccess } from "../services/user-access.ts";
import type { MailboxItem } from "../store/records.ts";
import type { AuthenticatedUser } from "../users/user-claims.ts";
import type { UserSocketData } from "./auth-middleware.ts";
import { SOCKET_IO_PROTOCOL, type SocketIoFrame } from "./socket-io-protocol.ts";

/** How long the hub waits for a client's acknowledgement before treating it as a client that never acknowledges. */
export const SOCKET_IO_ACK_TIMEOUT_MS = 30_000;

const Device = z.object({
  device: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
});
const MarkRead = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) });
const InboxQuery = z.object({
  unread_only: z.boolean().optional(),
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

/** Why a session ends, as the client is told in `session_ended` before the disconnect. */
const ENDINGS: Record<EndReason, { reason: string; advice: "retry" | "renew_token" | "give_up" }> = {
  replaced: { reason: "replaced", advice: "give_up" },
  revoked: { reason: "revoked", advice: "renew_token" },
  shutdown: { reason: "shutdown", advice: "retry" },
  failed: { reason: "failed", advice: "retry" },
  resync: { reason: "resync", advice: "retry" },
  expired: { reason: "token_expired", advice: "renew_token" },
};

/**
 * One Socket.IO connection of a care-team user, on the same delivery engine as `/v2/ws`: the
 * user's inbox from the device's cursor (`auth.device`), each event emitted under its name with an
 * acknowledgement callback. A client that calls it gets exactly-once delivery per device; a client
 * that never does (code written for a plain Socket.IO server) is recognised after
 * {@link SOCKET_IO_ACK_TIMEOUT_MS} and from then on a write counts as delivered, so it still gets
 * every event and never stalls. Requests: `refresh` (token), `mark_read` ({ids}), `inbox` (query),
 * each with a callback. Everything the client sends runs on one serial path; a failure ends the
 * connection, which the client's reconnection then resumes.
 */
export class UserSocketSession implements LiveConnection, PumpTarget<SocketIoFrame> {
  readonly id: string;
  readonly slot: string;
  readonly kind: ConnectionKind;
  readonly recipient: string;
  readonly credentialId: string;
  readonly backpressured = false;
  private pump: DeliveryPump<SocketIoFrame> | null = null;
  private user: AuthenticatedUser;
  private path: Promise<void> = Promise.resolve();
  private acksSeen = false;
  private writeIsDelivery = false;
  private pendingAck = 0;
  private leavePresence: (() => void) | null = null;
  private expiry: { cancel(): void } | null = null;
  private isOpen = true;

  constructor(
    private readonly socket: Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, UserSocketData>,
    private readonly access: UserAccess,
    private readonly registry: ConnectionRegistry,
    private readonly settings: PumpSettings,
    private readonly log: Logger,
    private readonly ackTimeoutMs = SOCKET_IO_ACK_TIMEOUT_MS,
  ) {
    this.user = socket.data.user;
    this.id = newConnectionId(settings.clock.now());
    this.slot = `socket.io:${this.id}`;
    this.recipient = `pending:${this.id}`;
    this.credentialId = `user:${this.user.clinicId}:${this.user.id}`;
    this.kind = { transport: "socket.io", protocol: "user", role: this.user.role, clinic: this.user.clinicId };
  }

  get open(): boolean {
    return this.isOpen && this.socket.connected;
  }

  /** Opens the device's cursor, joins the registry and presence, and starts delivering. */
  start(): void {
    this.socket.on("disconnect", () => this.closed());
    this.on("refresh", (token, reply) => this.refresh(token, reply));
    this.on("mark_read", async (body, reply) => reply(await this.access.markRead(this.user, MarkRead.parse(body).ids)));
    this.on("inbox", async (body, reply) => {
      const query = InboxQuery.parse(body ?? {});
      reply(
        await this.access.page(this.user, {
          unreadOnly: query.unread_only ?? false,
          before: query.before ?? null,
          limit: query.limit ?? 50,
        }),
      );
    });
    this.serially(async () => {
      const device = Device.safeParse(this.socket.handshake.auth).data?.device ?? "default";
      const consumer = this.access.consumer(this.user, device, SOCKET_IO_PROTOCOL);
      const cursor = await this.access.open(this.user, consumer);
      if (!this.socket.connected) return;
      Object.assign(this, { recipient: consumer.recipient });
      this.registry.attach(this);
      this.pump = new DeliveryPump(this, consumer, cursor, this.settings, (error) => this.failed(error));
      this.leavePresence = this.access.joinPresence({ user: identityOf(this.user), notice: (n) => this.notice(n) });
      this.armExpiry();
      void this.pump.run();
    });
  }

  send(frame: SocketIoFrame): SendOutcome {
    if (!this.open) return "dropped";
    const seq = frame.meta.seq;
    if (this.writeIsDelivery) {
      this.socket.emit(frame.event, frame.data, frame.meta);
      this.acknowledgeLater(seq);
      return "sent";
    }
    this.socket.timeout(this.ackTimeoutMs).emit(frame.event, frame.data, frame.meta, (error: Error | null) => {
      if (!error) {
        this.acksSeen = true;
        this.serially(() => this.pump?.ack(seq));
      } else if (!this.acksSeen && this.open) {
        // This client does not acknowledge: what was written counts as delivered from now on.
        this.writeIsDelivery = true;
        this.acknowledgeLater(seq);
      }
    });
    return "sent";
  }

  wake(stored?: MailboxItem): void {
    void this.pump?.run(stored);
  }

  greet(message: string): SendOutcome {
    if (!this.open) return "dropped";
    this.socket.emit("hi", { message });
    return "sent";
  }

  notice(notice: UserNotice): void {
    if (!this.open) return;
    if (notice.type === "read") this.socket.emit("read", { ids: notice.ids, at: notice.at });
    else this.socket.emit("presence", { full: notice.full, users: notice.users });
  }

  end(reason: EndReason): void {
    if (!this.isOpen) return;
    this.socket.emit("session_ended", ENDINGS[reason]);
    this.socket.disconnect(true);
    this.closed();
  }

  private failed(error: unknown): void {
    this.log.error("socket.io session failed; closing it so the client resumes", {
      connection: this.id,
      code: errorCode(error) ?? "unknown",
      error: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200),
    });
    this.end("failed");
  }

  private closed(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.expiry?.cancel();
    this.leavePresence?.();
    this.registry.detach(this);
  }

  private async refresh(token: unknown, reply: (answer: unknown) => void): Promise<void> {
    const result = await this.access.refresh(this.user, z.string().max(8192).parse(token));
    if (!result.ok) return reply({ ok: false, reason: result.reason });
    this.user = result.user;
    this.armExpiry();
    reply({ ok: true, expires_at: isoAt(result.user.expiresAtMs) });
  }

  private armExpiry(): void {
    this.expiry?.cancel();
    const left = Math.max(0, this.user.expiresAtMs - this.settings.clock.now());
    this.expiry = this.settings.clock.setTimeout(() => this.end("expired"), left);
  }

  /** Acknowledges, once per turn of the event loop, everything written so far (write-is-delivery clients). */
  private acknowledgeLater(seq: number): void {
    const first = this.pendingAck === 0;
    this.pendingAck = Math.max(this.pendingAck, seq);
    if (!first) return;
    queueMicrotask(() => {
      const upTo = this.pendingAck;
      this.pendingAck = 0;
      this.serially(() => this.pump?.ack(upTo));
    });
  }

  /** A client request with a callback; bad input is answered `{error}`, never thrown at the socket. */
  private on(event: string, handle: (body: unknown, reply: (answer: unknown) => void) => Promise<void>): void {
    this.socket.on(event, (body: unknown, callback: unknown) => {
      const reply = (answer: unknown) => {
        if (typeof callback === "function") callback(answer);
      };
      this.serially(() =>
        handle(body, reply).catch((error: unknown) => {
          if (error instanceof z.ZodError) reply({ error: "invalid request" });
          else throw error;
        }),
      );
    });
  }

  private serially(task: () => unknown): void {
    this.path = this.path
      .then(async () => {
        await task();
      })
      .catch((error: unknown) => this.failed(error));
  }
}
