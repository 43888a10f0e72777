/**
 * An in-memory WebSocket for client unit tests: the test opens it, feeds it frames and closes it,
 * and reads what the client sent. Shaped like `WebSocketLike` of `@sofia/client`.
 */
export class FakeSocket {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: unknown[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** The hub accepted the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The hub sent a JSON message. */
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The connection ended with `code`. */
  drop(code: number, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** Messages the client sent with the given `type`. */
  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter(
      (m): m is Record<string, unknown> => typeof m === "object" && m !== null && "type" in m && m.type === type,
    );
  }
}

/** A socket factory that records every socket it opens. */
export function fakeSockets() {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url: string) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    /** The newest socket. */
    get last(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error("no socket opened yet");
      return socket;
    },
  };
}
