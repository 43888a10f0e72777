import { Server as Engine, type ServerOptions as EngineOptions, type WebSocketData } from "@socket.io/bun-engine";
import type { Logger } from "@sofia/runtime/log";
import type { Server as BunServer, ServerWebSocket } from "bun";
import { type DefaultEventsMap, Server as SocketIoServer } from "socket.io";
import { readBoundedText } from "../http/bounded-text.ts";
import type { UserSocketData } from "./auth-middleware.ts";

/** The `ws.data` of a WebSocket the Socket.IO engine upgraded: its transport, nothing of ours. */
export type SocketIoWebSocketData = WebSocketData;

/**
 * Whether a WebSocket belongs to Socket.IO. Bun.serve has one `websocket` handler object for the
 * whole server, so the host dispatches each `open`/`message`/`close` on this: the engine's
 * upgrades carry `{ transport }`, the host's own endpoints carry data without that key.
 */
export function isSocketIoSocket<T extends object>(
  ws: ServerWebSocket<T | SocketIoWebSocketData>,
): ws is ServerWebSocket<SocketIoWebSocketData> {
  return "transport" in ws.data;
}

/** How the Socket.IO endpoint behaves. */
export interface SocketIoMountOptions {
  /** Default `/socket.io/`, what `socket.io-client` uses. */
  path?: string;
  /** Engine heartbeat. Defaults 25 s and 20 s, Socket.IO's own. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Largest message a client may send (WebSocket frame or polling POST body). Default 64 KiB. */
  maxMessageBytes?: number;
  /** CORS for web apps served from another origin. */
  cors?: EngineOptions["cors"];
  /** The client address of a request; default the socket's peer. */
  remoteOf?: (request: Request) => string;
  log: Logger;
}

/** The typed Socket.IO server the hub's notification code works with. */
export type HubSocketIoServer = SocketIoServer<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, UserSocketData>;

/**
 * The official Socket.IO server on Bun, through `@socket.io/bun-engine`, mounted inside a
 * Bun.serve that also serves other routes and WebSockets. The host calls {@link fetch} for
 * requests under {@link path} (before its HTTP router), and forwards its `websocket` callbacks
 * to {@link websocket} for sockets where {@link isSocketIoSocket} holds. See docs/notifications.md,
 * "Socket.IO on the hub's server", for why each piece is there.
 */
export class SocketIoMount {
  readonly io: HubSocketIoServer;
  readonly path: string;
  readonly maxMessageBytes: number;
  private readonly engine: Engine;
  private readonly requestTimeoutS: number;
  private readonly remotes = new WeakMap<Request, string>();
  private readonly remoteOf: ((request: Request) => string) | undefined;

  constructor(options: SocketIoMountOptions) {
    this.path = options.path ?? "/socket.io/";
    this.maxMessageBytes = options.maxMessageBytes ?? 64 * 1024;
    this.remoteOf = options.remoteOf;
    const pingInterval = options.pingIntervalMs ?? 25_000;
    this.engine = new Engine({
      path: this.path,
      pingInterval,
      pingTimeout: options.pingTimeoutMs ?? 20_000,
      maxHttpBufferSize: this.maxMessageBytes,
      ...(options.cors ? { cors: options.cors } : {}),
    });
    // The Bun engine leaves `remoteAddress` unset, so `socket.handshake.address` would be
    // undefined; set it from the handshake request before Socket.IO (bound next) reads it.
    this.engine.on("connection", (socket, request) => {
      Object.assign(socket, { remoteAddress: this.remotes.get(request) });
    });
    this.engine.on("connection_error", (error) => {
      options.log.debug("socket.io request refused", { code: error.code, message: error.message });
    });
    // Long-polling GETs are held for up to one ping interval; the host's idle timeout (Bun's
    // default is 10 s) must not cut them, so each Socket.IO request gets its own.
    this.requestTimeoutS = Math.min(255, Math.ceil((2 * pingInterval) / 1000));
    this.io = new SocketIoServer({ serveClient: false });
    this.io.bind(this.engine);
  }

  /** Whether a request path belongs to Socket.IO. */
  handles(pathname: string): boolean {
    return pathname === this.path;
  }

  /** Answers a Socket.IO request (polling, or the WebSocket upgrade through `server`). */
  async fetch(request: Request, server: BunServer<SocketIoWebSocketData>): Promise<Response> {
    server.timeout(request, this.requestTimeoutS);
    const remote = this.remoteOf ? this.remoteOf(request) : server.requestIP(request)?.address;
    let forwarded = request;
    if (request.method === "POST") {
      // The engine reads a whole POST body before checking its size; read it within the limit here.
      const body = await readBoundedText(request, this.maxMessageBytes);
      if (!body.ok) return new Response(null, { status: body.reason === "too_large" ? 413 : 400 });
      forwarded = new Request(request.url, { method: "POST", headers: request.headers, body: body.text });
    }
    if (remote) this.remotes.set(forwarded, remote);
    return this.engine.handleRequest(forwarded, server);
  }

  /** The host forwards its `websocket` callbacks here for Socket.IO sockets. */
  readonly websocket = {
    open: (ws: ServerWebSocket<SocketIoWebSocketData>) => this.engine.onWebSocketOpen(ws),
    message: (ws: ServerWebSocket<SocketIoWebSocketData>, message: string | Buffer) => {
      // Bun's maxPayloadLength is one value for the whole server; enforce Socket.IO's own here.
      const bytes = typeof message === "string" ? Buffer.byteLength(message) : message.byteLength;
      if (bytes > this.maxMessageBytes) return ws.close(1009, "message too big");
      this.engine.onWebSocketMessage(ws, message);
    },
    close: (ws: ServerWebSocket<SocketIoWebSocketData>, code: number, reason: string) =>
      this.engine.onWebSocketClose(ws, code, reason),
  };

  /** Disconnects every client (ending held long-polls) so the host's server can stop. */
  close(): Promise<void> {
    return this.io.close();
  }
}
