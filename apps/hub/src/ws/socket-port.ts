/**
 * The two things a session needs from a WebSocket. Bun's `ServerWebSocket` satisfies it; `send`
 * returns Bun's convention: bytes written, -1 when buffered under backpressure, 0 when dropped.
 */
export interface SocketPort {
  /** `compress`: send this frame compressed, if the client negotiated permessage-deflate. */
  send(text: string, compress?: boolean): number;
  close(code: number, reason: string): void;
}

/** Maps Bun's send result to a delivery outcome. */
export function sendOutcome(result: number): "sent" | "queued" | "dropped" {
  if (result > 0) return "sent";
  return result === -1 ? "queued" : "dropped";
}

/** Who is at the other end of a socket, as its upgrade request said. */
export interface SocketPeer {
  /** The client's address (see security/client-address.ts). */
  remote: string;
  /** The handshake's `Origin` header: set by browsers, usually absent from native clients. */
  origin: string | null;
}
