import type { V2InboxRequest, V2MarkRead, V2Refresh, V2ServerMessage } from "@sofia/protocol";

/** What the hub sends a care-team user besides deliveries: read state, inbox pages, presence, renewals. */
export type UserMessage = Extract<V2ServerMessage, { type: "read" | "inbox" | "presence" | "refreshed" }>;

/** What a care-team user's client may ask of the hub. */
export type UserRequest = V2MarkRead | V2InboxRequest | V2Refresh;
