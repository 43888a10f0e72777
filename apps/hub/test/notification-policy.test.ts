import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  NOTIFICATION_EVENTS,
  type NotificationEventName,
  PRODUCER_NOTIFICATION_EVENTS,
  USER_ROLES,
  type UserRole,
} from "@sofia/protocol";
import { authorize, type PolicyDecision, type PublisherIdentity } from "../src/notifications/authorize.ts";
import { renderPolicyTable } from "../src/notifications/policy-markdown.ts";
import { EVENT_RULES, PRESENCE_RULES } from "../src/notifications/policy-table.ts";
import { type Room, roomName, roomOfTarget, roomsOfUser, type UserIdentity } from "../src/notifications/rooms.ts";

// The matrix below is generated from the table: every role × room × event, in the user's clinic
// and in another one. Adding an event, a role or a room kind adds its cases by construction.

const HOME = "clinic-a";
const AWAY = "clinic-b";
const verdict = (decision: PolicyDecision) => (decision.allowed ? "allowed" : decision.reason);

/** Every room a user of `role` could be confronted with, in `clinicId`, labelled for test names. */
function roomsSeenBy(role: UserRole, clinicId: string): [string, Room][] {
  return [
    ["own user room", { kind: "user", clinicId, userId: `${role}-1` }],
    ["another user's room", { kind: "user", clinicId, userId: "someone-else" }],
    ...USER_ROLES.map((r): [string, Room] => [`role:${r}`, { kind: "role", clinicId, role: r }]),
    ["clinic room", { kind: "clinic", clinicId }],
  ];
}

/** What the table says about a user of `role` in HOME receiving `event` through `room`. */
function expectedReceive(role: UserRole, room: Room, event: NotificationEventName): string {
  const rule = EVENT_RULES[event];
  if (room.clinicId !== HOME) return "other_clinic";
  if (room.kind === "user" && room.userId !== `${role}-1`) return "not_your_room";
  if (room.kind === "role" && room.role !== role) return "not_your_role";
  if (room.kind === "user") {
    if (rule.users.length === 0) return "room_not_allowed";
    return rule.users.includes(role) ? "allowed" : "role_not_allowed";
  }
  if (room.kind === "role") return rule.roles.includes(role) ? "allowed" : "role_not_allowed";
  return rule.clinic ? "allowed" : "room_not_allowed";
}

const user = (role: UserRole): UserIdentity => ({ id: `${role}-1`, role, clinicId: HOME });

const receiveCases = NOTIFICATION_EVENTS.flatMap((event) =>
  USER_ROLES.flatMap((role) =>
    [HOME, AWAY].flatMap((clinicId) =>
      roomsSeenBy(role, clinicId).map(([label, room]) => {
        const expected = expectedReceive(role, room, event);
        const where = clinicId === HOME ? label : `${label} of another clinic`;
        return [`${role} receiving ${event} via ${where}: ${expected}`, role, room, event, expected] as const;
      }),
    ),
  ),
);

describe("receive matrix: role × room × event", () => {
  test.each(receiveCases)("%s", (_, role, room, event, expected) => {
    expect(verdict(authorize({ action: "receive", user: user(role), room, event }))).toBe(expected);
  });
});

describe("presence matrix: viewer role × subject role × clinic", () => {
  const cases = USER_ROLES.flatMap((viewer) =>
    USER_ROLES.flatMap((subject) =>
      [HOME, AWAY].map((clinicId) => {
        const expected =
          clinicId !== HOME
            ? "other_clinic"
            : PRESENCE_RULES[viewer].includes(subject)
              ? "allowed"
              : "presence_not_allowed";
        return [viewer, subject, clinicId, expected] as const;
      }),
    ),
  );
  test.each(cases)("%s seeing a %s of %s online: %s", (viewer, subject, clinicId, expected) => {
    const decision = authorize({
      action: "see_presence",
      viewer: user(viewer),
      subject: { id: `${subject}-2`, role: subject, clinicId },
    });
    expect(verdict(decision)).toBe(expected);
  });
});

describe("join matrix: role × room", () => {
  const cases = USER_ROLES.flatMap((role) =>
    [HOME, AWAY].flatMap((clinicId) =>
      roomsSeenBy(role, clinicId).map(([label, room]) => [role, label, clinicId, room] as const),
    ),
  );
  test.each(cases)("%s joining %s of %s", (role, _, clinicId, room) => {
    const expected =
      clinicId !== HOME
        ? "other_clinic"
        : room.kind === "user" && room.userId !== `${role}-1`
          ? "not_your_room"
          : room.kind === "role" && room.role !== role
            ? "not_your_role"
            : "allowed";
    expect(verdict(authorize({ action: "join", user: user(role), room }))).toBe(expected);
  });

  test("the rooms a user's connection joins are all allowed, and in the user's clinic", () => {
    for (const role of USER_ROLES) {
      for (const room of roomsOfUser(user(role))) {
        expect(verdict(authorize({ action: "join", user: user(role), room }))).toBe("allowed");
      }
    }
  });
});

describe("publish matrix: publisher × room × event", () => {
  const publishers: [string, PublisherIdentity][] = [
    ["a producer of clinic-a", { kind: "producer", clinicId: HOME }],
    ["a producer serving every clinic", { kind: "producer", clinicId: null }],
    ["a producer of clinic-b", { kind: "producer", clinicId: AWAY }],
    ["the hub", { kind: "hub" }],
  ];
  const rooms = roomsSeenBy("doctor", HOME).filter(([label]) => label !== "another user's room");
  const cases = NOTIFICATION_EVENTS.flatMap((event) =>
    publishers.flatMap(([who, publisher]) =>
      rooms.map(([label, room]) => [who, event, label, publisher, room] as const),
    ),
  );
  test.each(cases)("%s publishing %s to %s of clinic-a", (_, event, __, publisher, room) => {
    const rule = EVENT_RULES[event];
    const expected =
      publisher.kind === "producer" && publisher.clinicId === AWAY
        ? "other_clinic"
        : !rule.publishers.includes(publisher.kind)
          ? "publisher_not_allowed"
          : room.kind === "user"
            ? rule.users.length > 0
              ? "allowed"
              : "room_not_allowed"
            : room.kind === "role"
              ? rule.roles.includes(room.role)
                ? "allowed"
                : "role_not_allowed"
              : rule.clinic
                ? "allowed"
                : "room_not_allowed";
    expect(verdict(authorize({ action: "publish", publisher, event, room }))).toBe(expected);
  });
});

describe("clinics are strictly apart", () => {
  test("no join, publish by a confined producer, or receipt crosses clinics, for any role, room or event", () => {
    for (const role of USER_ROLES) {
      for (const [, room] of roomsSeenBy(role, AWAY)) {
        expect(authorize({ action: "join", user: user(role), room })).toEqual({
          allowed: false,
          reason: "other_clinic",
        });
        for (const event of NOTIFICATION_EVENTS) {
          const producer: PublisherIdentity = { kind: "producer", clinicId: HOME };
          expect(authorize({ action: "receive", user: user(role), room, event }).allowed).toBe(false);
          expect(authorize({ action: "publish", publisher: producer, room, event }).allowed).toBe(false);
        }
      }
    }
  });

  test("room names start with their clinic, so equal user ids in two clinics never share a room", () => {
    const a = roomName({ kind: "user", clinicId: "clinic-a", userId: "u-1" });
    const b = roomName({ kind: "user", clinicId: "clinic-b", userId: "u-1" });
    expect([a, b]).toEqual(["clinic:clinic-a:user:u-1", "clinic:clinic-b:user:u-1"]);
    expect(roomName({ kind: "role", clinicId: "c", role: "admin" })).toBe("clinic:c:role:admin");
    expect(roomName({ kind: "clinic", clinicId: "c" })).toBe("clinic:c");
    expect(roomOfTarget({ type: "role", clinic_id: "c", role: "pharmacist" })).toEqual({
      kind: "role",
      clinicId: "c",
      role: "pharmacist",
    });
  });
});

describe("the table itself", () => {
  test("has a rule for every event of the catalog, and producers publish exactly the publishable events", () => {
    expect(Object.keys(EVENT_RULES).sort()).toEqual([...NOTIFICATION_EVENTS].sort());
    const byProducers = NOTIFICATION_EVENTS.filter((event) => EVENT_RULES[event].publishers.includes("producer"));
    expect(byProducers.sort()).toEqual([...PRODUCER_NOTIFICATION_EVENTS].sort());
  });

  test("every event can be addressed somewhere, and a role room only where that role may receive it personally", () => {
    for (const event of NOTIFICATION_EVENTS) {
      const rule = EVENT_RULES[event];
      expect(rule.users.length + rule.roles.length + (rule.clinic ? 1 : 0)).toBeGreaterThan(0);
      for (const role of rule.roles) expect(rule.users).toContain(role);
      if (rule.clinic) expect([...rule.users].sort()).toEqual([...USER_ROLES].sort());
    }
  });
});

describe("the reference's scenarios", () => {
  const receives = (
    role: UserRole,
    event: NotificationEventName,
    room: Room = { kind: "user", clinicId: HOME, userId: `${role}-1` },
  ) => authorize({ action: "receive", user: user(role), room, event }).allowed;
  const producer: PublisherIdentity = { kind: "producer", clinicId: HOME };

  test("1. a doctor's access request reaches the patient; the patient's answer reaches the doctor", () => {
    expect(receives("patient", "new_access_request")).toBe(true);
    expect(receives("pharmacist", "new_access_request")).toBe(false);
    expect(receives("doctor", "access_request_status_changed")).toBe(true);
    const allPatients: Room = { kind: "role", clinicId: HOME, role: "patient" };
    expect(
      authorize({ action: "publish", publisher: producer, event: "new_access_request", room: allPatients }).allowed,
    ).toBe(false);
  });

  test("2. prescriptions go to the pharmacists' room; doctor and patient follow them", () => {
    const pharmacists: Room = { kind: "role", clinicId: HOME, role: "pharmacist" };
    expect(
      authorize({ action: "publish", publisher: producer, event: "prescription_status_changed", room: pharmacists })
        .allowed,
    ).toBe(true);
    expect(receives("pharmacist", "prescription_status_changed", pharmacists)).toBe(true);
    expect(receives("doctor", "prescription_status_changed")).toBe(true);
    expect(receives("patient", "prescription_status_changed")).toBe(true);
    expect(receives("clinic_staff", "prescription_status_changed")).toBe(false);
    const patients: Room = { kind: "role", clinicId: HOME, role: "patient" };
    expect(
      authorize({ action: "publish", publisher: producer, event: "prescription_status_changed", room: patients })
        .allowed,
    ).toBe(false);
  });

  test("3. a new or changed medical record reaches its patient", () => {
    expect(receives("patient", "medical_record_created")).toBe(true);
    expect(receives("patient", "medical_record_updated")).toBe(true);
    expect(receives("pharmacist", "medical_record_created")).toBe(false);
  });

  test("reports reach doctors only, and only the hub publishes them", () => {
    const doctor: Room = { kind: "user", clinicId: HOME, userId: "doctor-1" };
    expect(authorize({ action: "publish", publisher: producer, event: "report_ready", room: doctor }).allowed).toBe(
      false,
    );
    expect(
      authorize({ action: "publish", publisher: { kind: "hub" }, event: "report_ready", room: doctor }).allowed,
    ).toBe(true);
    expect(receives("doctor", "report_ready")).toBe(true);
    expect(receives("patient", "report_ready")).toBe(false);
  });
});

test("docs/notifications.md shows the policy table generated from the code", () => {
  const docs = readFileSync(join(import.meta.dir, "..", "..", "..", "docs", "notifications.md"), "utf8");
  expect(docs).toContain(renderPolicyTable());
});
