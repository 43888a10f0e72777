import { type NotificationEventName, USER_ROLES, type UserRole } from "@sofia/protocol";
import type { RoomKind } from "./rooms.ts";

/**
 * Who may join a room of each kind: `self` (only the user it is named for), `same_role` (only
 * users holding that role) or `member` (every user of the clinic). Always within the user's own
 * clinic.
 */
export const JOIN_RULES: Readonly<Record<RoomKind, "self" | "same_role" | "member">> = {
  user: "self",
  role: "same_role",
  clinic: "member",
};

/**
 * Who publishes events: `producer`, a customer's backend with a producer token scoped
 * `notifications:publish` (confined to one clinic, or serving all); `hub`, the hub itself
 * (reports, which producers publish through `POST /v1/reports`, never as a notification).
 */
export type Publisher = "producer" | "hub";

/**
 * What the policy allows for one event. Personal and role rooms are listed apart because they
 * mean different things: a patient may receive their own prescription's progress, but a
 * prescription must never be addressed to the room of every patient.
 */
export interface EventRule {
  /** Who may publish it. */
  publishers: readonly Publisher[];
  /** Users of these roles may receive it in their personal room (checked at every delivery and replay). */
  users: readonly UserRole[];
  /** It may be addressed to the room of these roles. */
  roles: readonly UserRole[];
  /** It may be addressed to the whole clinic (every user of it then receives it). */
  clinic: boolean;
  /** Why, in one sentence, for the docs. */
  why: string;
}

/**
 * The written policy: for every event, who may publish it, to which rooms, and which roles may
 * receive it. Derived from the reference's scenarios: an access request is personal (doctor ↔
 * patient); prescriptions go to the pharmacists and are followed by their doctor and patient;
 * records concern their patient (and the doctors who follow them); reports reach doctors only.
 * A new row here is tested by construction (`test/notification-policy.test.ts`).
 */
export const EVENT_RULES: Readonly<Record<NotificationEventName, EventRule>> = {
  new_access_request: {
    publishers: ["producer"],
    users: ["patient"],
    roles: [],
    clinic: false,
    why: "A doctor asks to see a patient's records: only that patient is told.",
  },
  access_request_status_changed: {
    publishers: ["producer"],
    users: ["doctor", "patient"],
    roles: [],
    clinic: false,
    why: "The patient approved or rejected: the doctor who asked is told (and the patient's other devices).",
  },
  prescription_status_changed: {
    publishers: ["producer"],
    users: ["pharmacist", "doctor", "patient"],
    roles: ["pharmacist"],
    clinic: false,
    why: "Validated prescriptions go to a clinic's pharmacists (or one of them); its doctor and patient follow each step.",
  },
  medical_record_created: {
    publishers: ["producer"],
    users: ["patient", "doctor"],
    roles: [],
    clinic: false,
    why: "A new record concerns its patient, and the doctors who follow that patient.",
  },
  medical_record_updated: {
    publishers: ["producer"],
    users: ["patient", "doctor"],
    roles: [],
    clinic: false,
    why: "A changed record concerns its patient, and the doctors who follow that patient.",
  },
  notification: {
    publishers: ["producer"],
    users: USER_ROLES,
    roles: USER_ROLES,
    clinic: true,
    why: "Generic announcements: to one user, a role, or the whole clinic.",
  },
  report_ready: {
    publishers: ["hub"],
    users: ["doctor"],
    roles: [],
    clinic: false,
    why: "A clinical report reaches its doctor's web app, as it reaches the clinic agent; only the hub publishes it.",
  },
  report_status_changed: {
    publishers: ["hub"],
    users: ["doctor"],
    roles: [],
    clinic: false,
    why: "What the clinic's PC did with a report (written, held and why, failed) reaches its doctor's web app; only the hub publishes it.",
  },
};

/**
 * Whose presence (online or not) each role may see, within its own clinic. Care-team members see
 * colleagues they work with; administrators and clinic staff see everyone; patients see no one
 * (who else is online at a clinic is not a patient's business), and nobody sees patients except
 * administrators and staff.
 */
export const PRESENCE_RULES: Readonly<Record<UserRole, readonly UserRole[]>> = {
  admin: USER_ROLES,
  clinic_staff: USER_ROLES,
  doctor: ["doctor", "pharmacist", "clinic_staff"],
  pharmacist: ["doctor", "pharmacist", "clinic_staff"],
  patient: [],
};
