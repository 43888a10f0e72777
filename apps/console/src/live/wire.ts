import { NotificationEvent } from "@sofia/protocol";
import { z } from "zod";
import type { Item } from "./inbox-store.ts";

// What arrives from the hub is parsed, never cast: a delivery's meta, an inbox page, read notices.

/** The second argument of every delivery: where it stands in the user's inbox. */
export const DeliveryMeta = z.object({ seq: z.number().int().min(1), id: z.string().min(1).max(64), ts: z.string() });

/** The answer to `inbox`: a page, newest first. */
export const InboxPage = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      id: z.string(),
      event: z.string(),
      created_at: z.string(),
      read: z.boolean(),
      data: z.unknown(),
    }),
  ),
  unread: z.number().int(),
});

/** `read`: items marked read by one of the user's connections. */
export const ReadNotice = z.object({ ids: z.array(z.string()) });

/** Why the hub refused a connection (`connect_error`'s `data`). */
export const Refusal = z.object({ reason: z.string(), advice: z.string() });

/** An item from an event's name, data and place, or `null` for an event this console does not know. */
export function itemOf(event: string, data: unknown, place: { id: string; seq: number; at: string; read: boolean }) {
  const ev = NotificationEvent.safeParse({ event, data });
  return ev.success ? ({ ...place, ev: ev.data } satisfies Item) : null;
}
