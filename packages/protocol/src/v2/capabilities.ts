import { z } from "zod";

/**
 * The capability revision this version of the protocol defines. A client states the revision it
 * implements in `auth.capabilities`; a client that states none is revision 0 (every client made
 * before revisions existed). docs/protocol-v2.md §2 lists what each revision means.
 *
 * - 0: understands `report_ready` and `report_expired` only, and treats any gap in `seq` within a
 *   connection as an error (it reconnects).
 * - 1: announces the delivery events it understands (`events`); accepts gaps in `seq` (the hub
 *   skips what the client cannot read and acknowledges it on the client's behalf); ignores
 *   message types, events and fields it does not know instead of failing on them.
 */
export const CAPABILITY_REVISION = 1;

/** The delivery events a revision-0 client understands. */
export const REVISION_0_EVENTS = ["report_ready", "report_expired"] as const;

/** A delivery event's name: lower snake case, like every event the hub sends. */
export const DeliveryEventName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a lower_snake_case event name of at most 64 characters");

/** What a client can take, sent in `auth.capabilities` and echoed (as granted) in `welcome`. */
export const Capabilities = z.object({
  /** The capability revision the client implements ({@link CAPABILITY_REVISION} or lower). */
  revision: z.number().int().min(0).max(1000),
  /** Delivery events the client understands; the hub sends it no others. */
  events: z.array(DeliveryEventName).max(64),
});
export type Capabilities = z.infer<typeof Capabilities>;

/** The capabilities of a client that announced none: revision 0. */
export const LEGACY_CAPABILITIES: Capabilities = { revision: 0, events: [...REVISION_0_EVENTS] };
