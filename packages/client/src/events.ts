import type { CloseAdvice, V2Welcome } from "@sofia/protocol";

/** Where the client is. */
export type ClientState =
  /** Created, not started. */
  | "idle"
  /** Opening a socket and authenticating. */
  | "connecting"
  /** Welcomed: deliveries flow. */
  | "connected"
  /** Waiting to reconnect after a failure (backoff). */
  | "waiting"
  /** The hub said not to reconnect automatically (e.g. replaced); retries after a long pause. */
  | "halted"
  /** `stop()` was called. */
  | "stopped";

/** What the client reports to the application (for status pages and logs). */
export type ClientEvent =
  | { type: "state"; state: ClientState }
  | { type: "welcome"; welcome: V2Welcome }
  | { type: "closed"; code: number; reason: string; advice: CloseAdvice; retryInMs: number }
  | { type: "error"; message: string }
  | { type: "clock_jump"; jumpMs: number }
  | { type: "hi"; message: string }
  /** The hub sent a message type this client does not know (a newer hub); it was ignored. */
  | { type: "unknown_message"; messageType: string };
