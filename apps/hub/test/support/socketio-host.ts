import { silentLogger } from "@sofia/runtime/log";
import type { Server } from "bun";
import { Hono } from "hono";
import { socketAuthMiddleware } from "../../src/socketio/auth-middleware.ts";
import {
  isSocketIoSocket,
  SocketIoMount,
  type SocketIoMountOptions,
  type SocketIoWebSocketData,
} from "../../src/socketio/socket-io-mount.ts";
import { AuthFailureLimiter } from "../../src/users/auth-failure-limiter.ts";
import type { UserTokenVerifier } from "../../src/users/user-token-verifier.ts";
import type { UserAuthWorld } from "./user-auth-world.ts";

/** The host's own WebSocket endpoints' data (the hub's is `{remote, protocol, session}`). */
interface EchoData {
  endpoint: "echo";
}

/**
 * A Bun.serve composed like the hub will be: Socket.IO at `/socket.io/`, a plain WebSocket
 * endpoint at `/echo/ws` (standing in for `/v2/ws` and `/reports/ws`), and Hono routes for the rest.
 */
export interface SocketIoHost {
  mount: SocketIoMount;
  server: Server<EchoData | SocketIoWebSocketData>;
  url: string;
  stop(): Promise<void>;
}

export function startSocketIoHost(
  world: UserAuthWorld,
  options: Partial<SocketIoMountOptions> & { idleTimeoutS?: number; verifier?: UserTokenVerifier } = {},
): SocketIoHost {
  const mount = new SocketIoMount({ log: silentLogger, ...options });
  const verifier = options.verifier ?? world.verifier;
  const limiter = new AuthFailureLimiter(world.clock);
  mount.io.use(socketAuthMiddleware({ verify: (token) => verifier.verify(token), limiter, log: silentLogger }));
  const app = new Hono().get("/healthz", (c) => c.json({ ok: true }));
  const server = Bun.serve<EchoData | SocketIoWebSocketData>({
    port: 0,
    hostname: "127.0.0.1",
    ...(options.idleTimeoutS !== undefined ? { idleTimeout: options.idleTimeoutS } : {}),
    fetch(request, srv) {
      const { pathname } = new URL(request.url);
      if (mount.handles(pathname)) return mount.fetch(request, srv);
      if (pathname === "/echo/ws") {
        return srv.upgrade(request, { data: { endpoint: "echo" } })
          ? undefined
          : new Response("upgrade", { status: 426 });
      }
      return app.fetch(request);
    },
    websocket: {
      maxPayloadLength: 1024 * 1024,
      open(ws) {
        if (isSocketIoSocket(ws)) mount.websocket.open(ws);
      },
      message(ws, message) {
        if (isSocketIoSocket(ws)) mount.websocket.message(ws, message);
        else ws.send(`echo:${message}`);
      },
      close(ws, code, reason) {
        if (isSocketIoSocket(ws)) mount.websocket.close(ws, code, reason);
      },
    },
  });
  return {
    mount,
    server,
    url: `http://127.0.0.1:${server.port}`,
    async stop() {
      await mount.close();
      await server.stop(true);
    },
  };
}
