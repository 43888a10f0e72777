import { type NotificationTarget, UserRole } from "@sofia/protocol";

/**
 * A room: who a notification is addressed to, and what a connection joins. Every room belongs to
 * exactly one clinic, and its name starts with that clinic, so no name can reach across clinics.
 */
export type Room =
  | { kind: "user"; clinicId: string; userId: string }
  | { kind: "role"; clinicId: string; role: UserRole }
  | { kind: "clinic"; clinicId: string };
export type RoomKind = Room["kind"];

/** Every kind of room, in the order the policy table lists them. */
export const ROOM_KINDS: readonly RoomKind[] = ["user", "role", "clinic"];

/** A user as the policy sees them: who, in which role, in which clinic. */
export interface UserIdentity {
  id: string;
  role: UserRole;
  clinicId: string;
}

/**
 * The room's name, e.g. `clinic:c1:user:auth0|42`, `clinic:c1:role:doctor`, `clinic:c1`
 * (Socket.IO room names, inbox keys, logs). Clinic ids cannot contain `:`, and the user id comes
 * last, so every name reads back unambiguously whatever characters the user id holds.
 */
export function roomName(room: Room): string {
  const clinic = `clinic:${room.clinicId}`;
  if (room.kind === "user") return `${clinic}:user:${room.userId}`;
  if (room.kind === "role") return `${clinic}:role:${room.role}`;
  return clinic;
}

/** Reads a {@link roomName} back; `null` for text that is not one (a report item has no room). */
export function parseRoomName(name: string): Room | null {
  const match = /^clinic:([^:]+)(?::(user|role):(.+))?$/.exec(name);
  if (!match?.[1]) return null;
  const [, clinicId, kind, rest] = match;
  if (kind === undefined) return { kind: "clinic", clinicId };
  if (kind === "user" && rest) return { kind: "user", clinicId, userId: rest };
  const role = UserRole.safeParse(rest);
  return kind === "role" && role.success ? { kind: "role", clinicId, role: role.data } : null;
}

/** The room a `POST /v1/notifications` target addresses. */
export function roomOfTarget(to: NotificationTarget): Room {
  if (to.type === "user") return { kind: "user", clinicId: to.clinic_id, userId: to.user_id };
  if (to.type === "role") return { kind: "role", clinicId: to.clinic_id, role: to.role };
  return { kind: "clinic", clinicId: to.clinic_id };
}

/** The rooms a user's connection belongs to: their own, their role's and their clinic's. */
export function roomsOfUser(user: UserIdentity): Room[] {
  return [
    { kind: "user", clinicId: user.clinicId, userId: user.id },
    { kind: "role", clinicId: user.clinicId, role: user.role },
    { kind: "clinic", clinicId: user.clinicId },
  ];
}
