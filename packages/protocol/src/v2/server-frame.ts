import { z } from "zod";
import { DeliverUnknown, V2Deliver, V2ServerMessage } from "./messages.ts";

/** What a client made of one text frame from the hub. */
export type V2ServerFrame =
  /** A message this version knows, valid. */
  | { kind: "message"; message: V2ServerMessage }
  /**
   * A delivery it cannot read: an event it does not know, or a known event whose data does not
   * validate. It still has a `seq`: acknowledge it after recording it, so it never blocks the rest.
   */
  | { kind: "unreadable_delivery"; delivery: DeliverUnknown; reason: string }
  /** A message type this version does not know (a newer hub's): ignore it. */
  | { kind: "unknown_type"; type: string }
  /** Not JSON, no `type`, or a known non-delivery message that does not validate. */
  | { kind: "invalid"; reason: string };

const Envelope = z.object({ type: z.string().max(64) });

/**
 * Parses a frame the way a revision-1 client must: never failing on what a newer hub may send.
 * Only a frame that is not a message at all (or a malformed `welcome`, `ping`...) is `invalid`.
 */
export function parseV2ServerFrame(text: string): V2ServerFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: "not JSON" };
  }
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) return { kind: "invalid", reason: "no message type" };
  if (envelope.data.type === "deliver") {
    const known = V2Deliver.safeParse(value);
    if (known.success) return { kind: "message", message: known.data };
    const unknown = DeliverUnknown.safeParse(value);
    if (!unknown.success) return { kind: "invalid", reason: "a delivery without seq, id or event" };
    const isKnownEvent = V2Deliver.options.some((option) => option.shape.event.value === unknown.data.event);
    return {
      kind: "unreadable_delivery",
      delivery: unknown.data,
      reason: isKnownEvent ? `its ${unknown.data.event} data does not validate` : `unknown event ${unknown.data.event}`,
    };
  }
  const parsed = V2ServerMessage.safeParse(value);
  if (parsed.success) return { kind: "message", message: parsed.data };
  // Deliveries were handled above; every other member of the union is a plain object schema.
  const known = V2ServerMessage.options.some(
    (option) => "shape" in option && option.shape.type.value === envelope.data.type,
  );
  return known
    ? { kind: "invalid", reason: `a ${envelope.data.type} message that does not validate` }
    : { kind: "unknown_type", type: envelope.data.type };
}
