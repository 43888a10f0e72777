import { roomName } from "../notifications/rooms.ts";

/**
 * Names of mailboxes and of the consumers that read them. A recipient's mailbox holds everything
 * addressed to it, in one `seq` order; each consumer (a v2 credential, a v1 socket slot) has its
 * own cursor in it.
 */

/** The mailbox of a doctor's reports. */
export const doctorRecipient = (doctorId: string): string => `doctor:${doctorId}`;

/** Whether a mailbox is a doctor's (read by clinic clients) rather than a care-team user's inbox. */
export const isDoctorRecipient = (recipient: string): boolean => recipient.startsWith("doctor:");

/** The consumer a doctor's v1 sockets share: one at a time, as the integration spec says. */
export const v1Consumer = (doctorId: string): string => `v1:${doctorId}`;

/** A care-team user's inbox: the mailbox of their personal room (`clinic:<clinic>:user:<id>`). */
export const userInbox = (clinicId: string, userId: string): string => roomName({ kind: "user", clinicId, userId });

/** The consumer of one of a user's devices: each device has its own cursor in the user's inbox. */
export const userDevice = (clinicId: string, userId: string, device: string): string =>
  `device:${device}:${userInbox(clinicId, userId)}`;
