import type { ClientReportStatus, DeliverUnknown, TargetRef, V2Deliver } from "@sofia/protocol";
import type { BackoffPolicy } from "./backoff.ts";
import type { Clock } from "./clock.ts";
import type { CursorStore } from "./cursor-store.ts";
import type { ClientEvent } from "./events.ts";
import type { SocketFactory } from "./socket.ts";
import type { UserMessage } from "./user-messages.ts";

/** How to run a {@link SofiaClient}. */
export interface SofiaClientOptions {
  /** The hub's `/v2/ws` URL; read at every connection, so a changed setting applies on the next one. */
  url: () => string;
  /** A doctor key or agent device token; read at every connection. */
  credential: () => string;
  /** Where the last safely processed seq is kept. */
  cursor: CursorStore;
  /**
   * Called once per delivery, in seq order. Resolve only when the delivery is safe (stored
   * durably); the client then saves the cursor and acknowledges. Throw when it could not be made
   * safe: the client reconnects and the hub sends it again.
   */
  onDelivery: (delivery: V2Deliver) => void | Promise<void>;
  /**
   * Delivery events the application handles, announced to the hub (which then sends no others).
   * Default: `report_ready` and `report_expired`.
   */
  events?: readonly string[];
  /**
   * Called, in seq order, for a delivery the client cannot read: an event it does not know, or
   * data that does not validate. Record it (it is lost to this client otherwise); once this
   * resolves, the delivery is acknowledged like any other, so it never blocks what follows. Throw
   * to have it sent again after a reconnect.
   */
  onUnreadable?: (delivery: DeliverUnknown, reason: string) => void | Promise<void>;
  onEvent?: (event: ClientEvent) => void;
  /** A care-team user's device (kept by the app, e.g. in local storage): the hub keeps a cursor per device. */
  device?: string;
  /** Care-team users: read state, inbox pages, presence and token renewals the hub sends. */
  onUserMessage?: (message: UserMessage) => void;
  /**
   * Care-team users: returns a fresh token. Called a minute before the current one expires and
   * sent as `refresh`, so the connection outlives its token. (`credential` should return the
   * newest token too: it is read at every reconnection.)
   */
  renewToken?: () => Promise<string>;
  clock?: Clock;
  random?: () => number;
  createSocket?: SocketFactory;
  backoff?: Partial<BackoffPolicy>;
  /** Least wait after the hub rejected the credential. Default 60 s. */
  reauthenticateDelayMs?: number;
  /** Wait after a "do not reconnect" close (e.g. replaced by another device). Default 5 min. */
  haltedRetryMs?: number;
  /** A connection not welcomed within this time is abandoned. Default 15 s. */
  connectTimeoutMs?: number;
  /** How often the heartbeat deadline and the wall clock are checked. Default 2 s. */
  watchdogMs?: number;
  /** A wall-clock jump beyond the watchdog period by more than this means the machine slept. Default 15 s. */
  clockJumpMs?: number;
  client?: { name: string; version: string };
}

/** A status to report, as {@link SofiaClient.sendStatus} takes it. */
export interface StatusInput {
  reportId: string;
  status: ClientReportStatus;
  reason?: string;
  target?: TargetRef;
  /** Makes resends idempotent; default: `<report id>:<status>`. */
  statusId?: string;
}
