/**
 * Names of mailboxes and of the consumers that read them. A recipient's mailbox holds everything
 * addressed to it, in one `seq` order; each consumer (a v2 credential, a v1 socket slot) has its
 * own cursor in it.
 */

/** The mailbox of a doctor's reports. */
export const doctorRecipient = (doctorId: string): string => `doctor:${doctorId}`;

/** The consumer a doctor's v1 sockets share: one at a time, as the integration spec says. */
export const v1Consumer = (doctorId: string): string => `v1:${doctorId}`;
