import { z } from "zod";

/**
 * An id chosen by the customer's own application or identity system: a user (`sub` of their JWT),
 * a patient, a prescription, a record. We cannot choose their format (UUIDs, `auth0|5f…`, e-mail
 * addresses), so any printable text is accepted, without whitespace, control or invisible format
 * characters that would make two ids look alike in logs and consoles.
 */
export const ForeignId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\p{C}\p{Z}\s]+$/u, "must be printable text without spaces or control characters");
export type ForeignId = z.infer<typeof ForeignId>;

/** A care-team user's id: the `sub` claim of their JWT. */
export const UserId = ForeignId;
export type UserId = ForeignId;

/** One line of text for people (a title, a name): no control characters, at most `max` long. */
export function lineOfText(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, "must be one line without control characters");
}

/** Several lines of text for people (a message body): tabs and newlines allowed, no other controls. */
export function paragraphsOfText(max: number) {
  return z
    .string()
    .max(max)
    .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, "must not contain control characters other than newlines");
}
