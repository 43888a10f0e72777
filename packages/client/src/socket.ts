/** The part of the standard WebSocket the client uses; browsers', Bun's and Node 22's fit. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket to `url`. */
export type SocketFactory = (url: string) => WebSocketLike;

/** The runtime's own WebSocket, adapted to {@link WebSocketLike}. */
export const defaultSocketFactory: SocketFactory = (url) => {
  const ws = new WebSocket(url);
  const like: WebSocketLike = {
    get readyState() {
      return ws.readyState;
    },
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
  };
  ws.onopen = (event) => like.onopen?.(event);
  ws.onmessage = (event) => like.onmessage?.({ data: event.data });
  ws.onclose = (event) => like.onclose?.({ code: event.code, reason: event.reason });
  ws.onerror = (event) => like.onerror?.(event);
  return like;
};

/** `WebSocket.OPEN`, without depending on a global in environments that lack one. */
export const OPEN = 1;
