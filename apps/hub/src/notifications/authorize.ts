import type { NotificationEventName } from "@sofia/protocol";
import { EVENT_RULES, JOIN_RULES, PRESENCE_RULES, type Publisher } from "./policy-table.ts";
import type { Room, UserIdentity } from "./rooms.ts";

/** Who publishes: a producer token (confined to one clinic, or `null` for all) or the hub itself. */
export type PublisherIdentity = { kind: "producer"; clinicId: string | null } | { kind: "hub" };

/** Something to authorize: joining a room, publishing or receiving an event, seeing someone online. */
export type PolicyRequest =
  | { action: "join"; user: UserIdentity; room: Room }
  | { action: "publish"; publisher: PublisherIdentity; event: NotificationEventName; room: Room }
  | { action: "receive"; user: UserIdentity; event: NotificationEventName; room: Room }
  | { action: "see_presence"; viewer: UserIdentity; subject: UserIdentity };

/** Why the policy refused, for logs and `403` bodies. */
export const PolicyRefusal = {
  /** The room belongs to another clinic than the user's or the producer token's. */
  OTHER_CLINIC: "other_clinic",
  /** A personal room of another user. */
  NOT_YOUR_ROOM: "not_your_room",
  /** The room of a role the user does not hold. */
  NOT_YOUR_ROLE: "not_your_role",
  /** This kind of publisher may not publish the event. */
  PUBLISHER_NOT_ALLOWED: "publisher_not_allowed",
  /** The event may not be addressed to this kind of room (e.g. a personal event to the whole clinic). */
  ROOM_NOT_ALLOWED: "room_not_allowed",
  /** The event may not reach this role (through a personal room or the role's room). */
  ROLE_NOT_ALLOWED: "role_not_allowed",
  /** The viewer's role may not see the presence of the subject's role. */
  PRESENCE_NOT_ALLOWED: "presence_not_allowed",
} as const;
export type PolicyRefusal = (typeof PolicyRefusal)[keyof typeof PolicyRefusal];

export type PolicyDecision = { allowed: true } | { allowed: false; reason: PolicyRefusal };

const ALLOWED: PolicyDecision = { allowed: true };
const refuse = (reason: PolicyRefusal): PolicyDecision => ({ allowed: false, reason });

/**
 * Applies the policy table to one request. Pure: the hub calls it on every join, every publish
 * and every delivery or inbox replay (a user's role may have changed since the publish).
 */
export function authorize(request: PolicyRequest): PolicyDecision {
  if (request.action === "join") return mayJoin(request.user, request.room);
  if (request.action === "see_presence") {
    const { viewer, subject } = request;
    if (viewer.clinicId !== subject.clinicId) return refuse(PolicyRefusal.OTHER_CLINIC);
    return PRESENCE_RULES[viewer.role].includes(subject.role) ? ALLOWED : refuse(PolicyRefusal.PRESENCE_NOT_ALLOWED);
  }
  if (request.action === "publish") {
    const { publisher, event, room } = request;
    if (publisher.kind === "producer" && publisher.clinicId !== null && publisher.clinicId !== room.clinicId) {
      return refuse(PolicyRefusal.OTHER_CLINIC);
    }
    if (!EVENT_RULES[event].publishers.includes(publisher.kind satisfies Publisher)) {
      return refuse(PolicyRefusal.PUBLISHER_NOT_ALLOWED);
    }
    return mayAddress(event, room);
  }
  const { user, event, room } = request;
  const joined = mayJoin(user, room);
  if (!joined.allowed) return joined;
  const addressed = mayAddress(event, room);
  if (!addressed.allowed) return addressed;
  // A personal room's owner must hold a role the event may reach; in a role room the join rule
  // already made the user's role the room's.
  if (room.kind === "user" && !EVENT_RULES[event].users.includes(user.role)) {
    return refuse(PolicyRefusal.ROLE_NOT_ALLOWED);
  }
  return ALLOWED;
}

function mayJoin(user: UserIdentity, room: Room): PolicyDecision {
  if (room.clinicId !== user.clinicId) return refuse(PolicyRefusal.OTHER_CLINIC);
  const rule = JOIN_RULES[room.kind];
  if (rule === "self" && room.kind === "user" && room.userId !== user.id) return refuse(PolicyRefusal.NOT_YOUR_ROOM);
  if (rule === "same_role" && room.kind === "role" && room.role !== user.role) {
    return refuse(PolicyRefusal.NOT_YOUR_ROLE);
  }
  return ALLOWED;
}

/** Whether `event` may be addressed to `room` at all (a user's role is unknown until delivery). */
function mayAddress(event: NotificationEventName, room: Room): PolicyDecision {
  const rule = EVENT_RULES[event];
  if (room.kind === "user") return rule.users.length > 0 ? ALLOWED : refuse(PolicyRefusal.ROOM_NOT_ALLOWED);
  if (room.kind === "role") return rule.roles.includes(room.role) ? ALLOWED : refuse(PolicyRefusal.ROLE_NOT_ALLOWED);
  return rule.clinic ? ALLOWED : refuse(PolicyRefusal.ROOM_NOT_ALLOWED);
}
