import type { CloseCode } from "@sofia/protocol";

/** What happened to a frame handed to a socket. */
export type SendOutcome =
  /** Written to the socket. */
  | "sent"
  /** Accepted but buffered because the client reads slowly; stop sending until it drains. */
  | "queued"
  /** Not written: the socket is closing or closed. */
  | "dropped";

/** An authenticated client socket, as delivery code sees it (no transport types leak through). */
export interface LiveConnection {
  readonly id: string;
  readonly doctorId: string;
  readonly credentialId: string;
  /** True while the socket's send buffer is over its limit; delivery waits for it to drain. */
  readonly backpressured: boolean;
  /** Writes one text frame. */
  send(text: string): SendOutcome;
  /** Tells the client why in an `error` message, then closes with `code`. */
  terminate(code: CloseCode, reason: string): void;
}
