import type { UserRole } from "@sofia/protocol";
import type { ConnectionKind } from "../metrics/labels.ts";
import type { MailboxItem } from "../store/records.ts";

/** What happened to a frame handed to a socket. */
export type SendOutcome =
  /** Written to the socket. */
  | "sent"
  /** Accepted but buffered because the client reads slowly; stop sending until it drains. */
  | "queued"
  /** Not written: the socket is closing or closed. */
  | "dropped";

/** Why the hub ends a connection; each protocol maps it to its own close code and message. */
export type EndReason =
  /** A newer connection took the same slot (one connection per doctor, or per v2 consumer). */
  | "replaced"
  /** The credential it authenticated with was revoked. */
  | "revoked"
  /** The hub is shutting down. */
  | "shutdown"
  /** The hub could not complete something for it (its store failed); the client retries. */
  | "failed"
  /** A revision-0 client must reconnect to resume after deliveries it cannot read. */
  | "resync"
  /** A user's token expired and was not renewed in time. */
  | "expired";

/** A message for a care-team user's connections that is not a delivery: read state, presence. */
export type UserNotice =
  | { type: "read"; ids: string[]; at: string }
  | { type: "presence"; full: boolean; users: { user_id: string; role: UserRole; online: boolean }[] };

/** An authenticated client socket, as delivery code sees it (no transport types leak through). */
export interface LiveConnection {
  readonly id: string;
  /** At most one connection holds a slot: `v1:<doctor>` or `v2:<consumer>`. */
  readonly slot: string;
  /** Whose mailbox it reads, e.g. `doctor:<id>`. */
  readonly recipient: string;
  readonly credentialId: string;
  /** What metrics count it as (transport, protocol, role, clinic); `null` until authenticated. */
  readonly kind: ConnectionKind | null;
  /** True while the socket's send buffer is over its limit; delivery waits for it to drain. */
  readonly backpressured: boolean;
  /** Sends the founders' "hi" (`GET /hi`) in the connection's own form. */
  greet(message: string): SendOutcome;
  /** Tells the client why in its protocol's error message, then closes. */
  end(reason: EndReason): void;
  /**
   * Asks the connection to deliver what is waiting for it (its mailbox has something new):
   * `stored`, when given, is the item just committed, which it may send without reading the store.
   */
  wake(stored?: MailboxItem): void;
  /** Passes a notice to a user's connection (others ignore it). */
  notice(notice: UserNotice): void;
}
