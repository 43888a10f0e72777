import type { UserNotice } from "../delivery/live-connection.ts";
import { authorize } from "./authorize.ts";
import type { UserIdentity } from "./rooms.ts";

/** A live connection of a user, as presence sees it. */
export interface PresenceMember {
  readonly user: UserIdentity;
  notice(notice: UserNotice): void;
}

type PresenceUsers = Extract<UserNotice, { type: "presence" }>["users"];

/**
 * Who is online on this hub node, per clinic. A user is online from their first connection to
 * their last; each change is told to the connections allowed to see it (the policy's
 * `PRESENCE_RULES`), and a new connection gets the full list it may see. In memory: with several
 * hub nodes each node knows its own connections (documented in docs/notifications.md).
 */
export class Presence {
  private readonly clinics = new Map<string, Map<string, Set<PresenceMember>>>();

  /** A connection opened: the member learns who is online; the others learn the user came online. */
  join(member: PresenceMember): void {
    const users = this.clinicOf(member.user.clinicId);
    let connections = users.get(member.user.id);
    const first = connections === undefined;
    if (!connections) {
      connections = new Set();
      users.set(member.user.id, connections);
    }
    connections.add(member);
    member.notice({ type: "presence", full: true, users: this.visibleTo(member.user) });
    if (first) this.announce(member.user, true);
  }

  /** A connection closed; when it was the user's last, the others learn the user went offline. */
  leave(member: PresenceMember): void {
    const users = this.clinics.get(member.user.clinicId);
    const connections = users?.get(member.user.id);
    if (!users || !connections?.delete(member)) return;
    if (connections.size > 0) return;
    users.delete(member.user.id);
    if (users.size === 0) this.clinics.delete(member.user.clinicId);
    this.announce(member.user, false);
  }

  /** Everyone online whom `viewer` may see (never the viewer). */
  visibleTo(viewer: UserIdentity): PresenceUsers {
    const out: PresenceUsers = [];
    for (const connections of this.clinics.get(viewer.clinicId)?.values() ?? []) {
      const [first] = connections;
      if (!first || first.user.id === viewer.id) continue;
      if (authorize({ action: "see_presence", viewer, subject: first.user }).allowed) {
        out.push({ user_id: first.user.id, role: first.user.role, online: true });
      }
    }
    return out;
  }

  /** Everyone online at a clinic on this node, one entry per user (the operator's view). */
  online(clinicId: string): UserIdentity[] {
    const out: UserIdentity[] = [];
    for (const connections of this.clinics.get(clinicId)?.values() ?? []) {
      const [first] = connections;
      if (first) out.push(first.user);
    }
    return out;
  }

  private announce(subject: UserIdentity, online: boolean): void {
    const change: UserNotice = {
      type: "presence",
      full: false,
      users: [{ user_id: subject.id, role: subject.role, online }],
    };
    for (const [userId, connections] of this.clinics.get(subject.clinicId) ?? []) {
      if (userId === subject.id) continue;
      for (const member of connections) {
        if (authorize({ action: "see_presence", viewer: member.user, subject }).allowed) member.notice(change);
      }
    }
  }

  private clinicOf(clinicId: string): Map<string, Set<PresenceMember>> {
    let users = this.clinics.get(clinicId);
    if (!users) {
      users = new Map();
      this.clinics.set(clinicId, users);
    }
    return users;
  }
}
