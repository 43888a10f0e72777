import {
  type Capabilities,
  NOTIFICATION_EVENTS,
  PROTOCOL_VERSION,
  REVISION_0_EVENTS,
  type V2Auth,
  type V2InboxRequest,
  type V2ServerMessage,
} from "@sofia/protocol";
import { type Clock, isoAt, type TimerHandle } from "@sofia/runtime/clock";
import { v2Protocol } from "../delivery/consumer-protocol.ts";
import { DeliveryPump, type PumpSettings, type PumpTarget } from "../delivery/delivery-pump.ts";
import type { UserNotice } from "../delivery/live-connection.ts";
import { identityOf, type UserAccess } from "../services/user-access.ts";
import type { AuthenticatedUser } from "../users/user-claims.ts";
import { failureHandler } from "./failure-handler.ts";

/**
 * A user connection announcing no capabilities still gets the whole catalog: users' clients are
 * new (there is no installed base to protect), so revision 0's report-only default would only
 * hide their notifications.
 */
const USER_DEFAULT_CAPABILITIES: Capabilities = {
  revision: 1,
  events: [...new Set([...REVISION_0_EVENTS, ...NOTIFICATION_EVENTS])],
};

/** What the channel needs from its v2 session. */
export interface UserChannelHost extends PumpTarget {
  write(message: V2ServerMessage): void;
  failed(error: unknown): void;
  invalid(reason: string): void;
}

/**
 * A care-team user's side of a `/v2/ws` session: the user's inbox from the device's cursor (only
 * what the policy lets this user receive), read state and inbox pages, presence, and the token's
 * lifetime: `refresh` renews it for the same user, and without one the session ends with 4102 at
 * expiry.
 */
export class V2UserChannel {
  readonly pump: DeliveryPump;
  readonly recipient: string;
  private leavePresence: (() => void) | null = null;
  private expiry: TimerHandle | null = null;

  private constructor(
    private readonly host: UserChannelHost,
    private readonly access: UserAccess,
    private user: AuthenticatedUser,
    readonly consumerId: string,
    recipient: string,
    pump: DeliveryPump,
    private readonly clock: Clock,
  ) {
    this.recipient = recipient;
    this.pump = pump;
  }

  /** Opens the device's cursor and writes `welcome`; the caller admits the session in between. */
  static async open(
    host: UserChannelHost,
    access: UserAccess,
    user: AuthenticatedUser,
    auth: V2Auth,
    settings: PumpSettings & { heartbeatMs: number },
    admit: (recipient: string) => void,
  ): Promise<V2UserChannel> {
    const device = auth.device ?? "default";
    const capabilities = auth.capabilities ?? USER_DEFAULT_CAPABILITIES;
    const consumer = access.consumer(user, device, v2Protocol(capabilities));
    const resumeFrom = await access.open(user, consumer);
    admit(consumer.recipient);
    const pump = new DeliveryPump(host, consumer, resumeFrom, settings, failureHandler(host));
    const channel = new V2UserChannel(host, access, user, consumer.id, consumer.recipient, pump, settings.clock);
    host.write({
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      session_id: host.id,
      principal: {
        kind: "user",
        user_id: user.id,
        role: user.role,
        clinic_id: user.clinicId,
        device,
        expires_at: isoAt(user.expiresAtMs),
      },
      heartbeat_ms: settings.heartbeatMs,
      resume_from: resumeFrom,
      server_time: isoAt(settings.clock.now()),
      capabilities,
    });
    channel.armExpiry();
    channel.joinPresence();
    void pump.run();
    return channel;
  }

  /** Read state and presence changes, as v2 messages. */
  notice(notice: UserNotice): void {
    this.host.write(notice);
  }

  async refresh(token: string): Promise<void> {
    const result = await this.access.refresh(this.user, token);
    if (!result.ok) return this.host.invalid(`refresh refused: ${result.reason}`);
    this.user = result.user;
    this.armExpiry();
    this.host.write({ type: "refreshed", expires_at: isoAt(result.user.expiresAtMs) });
  }

  async markRead(ids: readonly string[]): Promise<void> {
    // Every connection of the user, this one included, hears `read` for what became read.
    await this.access.markRead(this.user, ids);
  }

  async inbox(request: V2InboxRequest): Promise<void> {
    const page = await this.access.page(this.user, {
      unreadOnly: request.unread_only ?? false,
      before: request.before ?? null,
      limit: request.limit ?? 50,
    });
    this.host.write({ type: "inbox", ...page });
  }

  closed(): void {
    this.expiry?.cancel();
    this.leavePresence?.();
    this.leavePresence = null;
  }

  /** Made here, not in the async `open`, so the callback does not keep `open`'s locals (the token) alive. */
  private joinPresence(): void {
    this.leavePresence = this.access.joinPresence({ user: identityOf(this.user), notice: (n) => this.notice(n) });
  }

  private armExpiry(): void {
    this.expiry?.cancel();
    const left = Math.max(0, this.user.expiresAtMs - this.clock.now());
    this.expiry = this.clock.setTimeout(() => this.host.end("expired"), left);
  }
}
