import type { PublishNotificationRequest } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { Notifier } from "../delivery/notifier.ts";
import { userInbox } from "../delivery/recipients.ts";
import { ulid } from "../ids.ts";
import { authorize, type PolicyRefusal } from "../notifications/authorize.ts";
import { type Room, roomName, roomOfTarget } from "../notifications/rooms.ts";
import type { Credential } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";

/** How long a de-duplication key makes a repeated publish a no-op. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What became of a notification publish. */
export type NotifyOutcome =
  | { kind: "created" | "replayed"; id: string; recipients: number }
  | { kind: "unknown_clinic" }
  | { kind: "refused"; reason: PolicyRefusal };

/**
 * Accepts care-team notifications from producers: checks the target against the policy table,
 * fans a role or clinic notification out to the inboxes of the users of that role or clinic the
 * hub knows, stores every inbox item in one synced transaction (a repeated `dedupe_key` stores
 * nothing), and only then wakes the recipients' live connections.
 */
export class NotificationPublisher {
  constructor(
    private readonly store: HubStore,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async publish(producer: Credential, request: PublishNotificationRequest): Promise<NotifyOutcome> {
    const room = roomOfTarget(request.to);
    // A token confined to another clinic learns nothing: the same answer as a clinic that does not exist.
    const clinic = await this.store.directory.getClinic(room.clinicId);
    if (!clinic || (producer.clinicId !== null && producer.clinicId !== clinic.id)) return { kind: "unknown_clinic" };
    const decision = authorize({
      action: "publish",
      publisher: { kind: "producer", clinicId: producer.clinicId },
      event: request.event,
      room,
    });
    if (!decision.allowed) return { kind: "refused", reason: decision.reason };
    const recipients = await this.recipientsOf(room);
    const now = this.clock.now();
    const id = `ntf_${ulid(now)}`;
    const result = await this.store.notifications.publish({
      id,
      clinicId: clinic.id,
      producerId: producer.id,
      room: roomName(room),
      event: request.event,
      payload: JSON.stringify(request.data),
      dedupeKey: request.dedupe_key ?? null,
      dedupeSinceMs: now - DEDUPE_WINDOW_MS,
      createdAt: isoAt(now),
      createdMs: now,
      recipients,
      audit: {
        at: isoAt(now),
        actor: producer.id,
        action: "notification.published",
        subject: id,
        clinicId: clinic.id,
        detail: { event: request.event, room: room.kind, recipients: recipients.length },
      },
    });
    if (!result.created) return { kind: "replayed", id: result.id, recipients: result.recipients };
    this.log.info("notification stored", { notification: id, event: request.event, recipients: recipients.length });
    for (const recipient of recipients) this.notifier.notify(recipient);
    return { kind: "created", id, recipients: recipients.length };
  }

  /** The inboxes a room's notification goes to: the user's own, or every known user of the role or clinic. */
  private async recipientsOf(room: Room): Promise<string[]> {
    if (room.kind === "user") return [userInbox(room.clinicId, room.userId)];
    const ids = await this.store.users.ids(room.clinicId, room.kind === "role" ? room.role : null);
    return ids.map((userId) => userInbox(room.clinicId, userId));
  }
}
