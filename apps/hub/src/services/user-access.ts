import { type InboxItem, NOTIFICATION_EVENTS, type NotificationEventName } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import type { ConsumerProtocol } from "../delivery/consumer-protocol.ts";
import type { DeliveryData } from "../delivery/delivery-data.ts";
import type { PumpConsumer } from "../delivery/delivery-pump.ts";
import { userDevice, userInbox } from "../delivery/recipients.ts";
import { authorize } from "../notifications/authorize.ts";
import type { Presence } from "../notifications/presence.ts";
import { parseRoomName, type UserIdentity } from "../notifications/rooms.ts";
import type { MailboxItem } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";
import type { AuthenticatedUser } from "../users/user-claims.ts";
import type { UserAuthResult, UserTokenVerifier } from "../users/user-token-verifier.ts";

const CATALOG: ReadonlySet<string> = new Set(NOTIFICATION_EVENTS);
const inCatalog = (event: string): event is NotificationEventName => CATALOG.has(event);

/** What every care-team user connection needs, whatever its transport (v2 WebSocket or Socket.IO). */
export interface UserAccessDeps {
  store: HubStore;
  registry: ConnectionRegistry;
  verifier: UserTokenVerifier;
  presence: Presence;
  data: DeliveryData;
  clock: Clock;
}

/**
 * Whether a user may have an inbox item: its event must be in the catalog and the policy must let
 * this user receive it from the room it was addressed to (asked at every delivery and listing).
 */
export function mayReceive(user: UserIdentity, item: MailboxItem): boolean {
  const room = item.room === null ? null : parseRoomName(item.room);
  const { event } = item;
  return room !== null && inCatalog(event) && authorize({ action: "receive", user, event, room }).allowed;
}

/** A user as the policy sees them. */
export const identityOf = (user: AuthenticatedUser): UserIdentity => ({
  id: user.id,
  role: user.role,
  clinicId: user.clinicId,
});

/**
 * The care-team side of the hub shared by both user transports: a user's inbox is the mailbox of
 * their personal room, each device reads it with its own cursor, every delivery passes the
 * notification policy again, read state is per user and is told to all their connections, and a
 * token can be renewed for the same user only.
 */
export class UserAccess {
  constructor(readonly deps: UserAccessDeps) {}

  verify(token: string): Promise<UserAuthResult> {
    return this.deps.verifier.verify(token);
  }

  /** The pump consumer of one of the user's devices; the policy is asked again for every item. */
  consumer<Frame>(user: AuthenticatedUser, device: string, protocol: ConsumerProtocol<Frame>): PumpConsumer<Frame> {
    const identity = identityOf(user);
    return {
      id: userDevice(user.clinicId, user.id, device),
      recipient: userInbox(user.clinicId, user.id),
      clinicId: user.clinicId,
      protocol,
      admits: (item) => mayReceive(identity, item),
    };
  }

  /** Records the user as seen (for role and clinic fan-out) and returns the device's cursor. */
  async open(user: AuthenticatedUser, consumer: PumpConsumer<unknown>): Promise<number> {
    const at = isoAt(this.deps.clock.now());
    await this.deps.store.users.seen({ clinicId: user.clinicId, userId: user.id, role: user.role }, at);
    const existing = await this.deps.store.mailbox.cursor(consumer.id);
    return existing?.ackedSeq ?? this.deps.store.mailbox.openCursor(consumer.id, consumer.recipient, "beginning", at);
  }

  /** Marks items read and tells every open connection of the user; returns what was newly read. */
  async markRead(user: AuthenticatedUser, ids: readonly string[]): Promise<string[]> {
    const inbox = userInbox(user.clinicId, user.id);
    const at = isoAt(this.deps.clock.now());
    const marked = await this.deps.store.mailbox.markRead(inbox, ids, at);
    if (marked.length > 0) {
      for (const connection of this.deps.registry.forRecipient(inbox))
        connection.notice({ type: "read", ids: marked, at });
    }
    return marked;
  }

  /** A page of the user's inbox (newest first), each item with its data, and the unread count. */
  async page(
    user: AuthenticatedUser,
    query: { unreadOnly: boolean; before: number | null; limit: number },
  ): Promise<{ items: InboxItem[]; unread: number }> {
    const identity = identityOf(user);
    const page = await this.deps.store.mailbox.inbox(userInbox(user.clinicId, user.id), query);
    const items: InboxItem[] = [];
    for (const entry of page.items) {
      if (!mayReceive(identity, entry)) continue;
      items.push({
        seq: entry.seq,
        id: entry.id,
        event: entry.event,
        created_at: isoAt(entry.createdMs),
        read: entry.read,
        data: JSON.parse(await this.deps.data.of(entry, null)),
      });
    }
    return { items, unread: page.unread };
  }

  /**
   * Checks a renewal: the new token must be valid and name the same user of the same clinic
   * (a renewal never turns a connection into someone else's).
   */
  async refresh(
    current: AuthenticatedUser,
    token: string,
  ): Promise<UserAuthResult | { ok: false; reason: "other_user" }> {
    const result = await this.deps.verifier.verify(token, current.clinicId);
    if (result.ok && result.user.id !== current.id) return { ok: false, reason: "other_user" };
    return result;
  }

  /** Joins presence; returns the function that leaves it. */
  joinPresence(member: Parameters<Presence["join"]>[0]): () => void {
    this.deps.presence.join(member);
    return () => this.deps.presence.leave(member);
  }
}
