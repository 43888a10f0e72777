import { CloseCode, MAX_V1_INBOUND_FRAME_BYTES } from "@sofia/protocol";
import type { Server, ServerWebSocket } from "bun";
import { type Clock, systemClock } from "./clock.ts";
import { ConnectionRegistry } from "./delivery/connection-registry.ts";
import { ReportDispatcher } from "./delivery/report-dispatcher.ts";
import type { ReportLinks } from "./delivery/report-ready.ts";
import { RevocationWatcher } from "./delivery/revocation-watcher.ts";
import { LinkSigner } from "./downloads/link-signer.ts";
import { createHttpApp } from "./http/app.ts";
import { ApiErrorCode } from "./http/errors.ts";
import { downloadRoutes } from "./http/routes/downloads.ts";
import { newConnectionId } from "./ids.ts";
import { type Logger, silentLogger } from "./log.ts";
import { Authenticator } from "./services/authenticator.ts";
import { ReportPublisher } from "./services/report-publisher.ts";
import type { HubStore } from "./store/store.ts";
import { VERSION } from "./version.ts";
import { V1Session } from "./ws/v1-session.ts";

/** How to run a hub. Only `store` and `signingSecret` are required. */
export interface HubOptions {
  store: HubStore;
  /** Secret for signed download links (HMAC-SHA256). */
  signingSecret: string;
  /** TCP port; 0 picks a free one (tests). Default 8080. */
  port?: number;
  hostname?: string;
  /** Base URL clients reach the hub at, for signed links. Default `http://<hostname>:<port>`. */
  publicUrl?: string;
  /** Lifetime of a signed download link. Default 15 minutes. */
  linkTtlMs?: number;
  /** Time for auth deadlines and timestamps. */
  clock?: Clock;
  /** Time for the revocation poll (kept apart so tests can freeze `clock` and still see revocations). */
  pollClock?: Clock;
  revocationPollMs?: number;
  /** How long `stop()` waits for in-flight HTTP requests before cutting them. Default 10 s. */
  shutdownGraceMs?: number;
  log?: Logger;
}

/** A running hub. */
export interface RunningHub {
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  readonly registry: ConnectionRegistry;
  readonly dispatcher: ReportDispatcher;
  /** Closes every socket with 1001, stops accepting requests and waits for in-flight work. */
  stop(): Promise<void>;
}

interface SocketData {
  remote: string;
  session: V1Session | null;
}

/** Starts a hub on Bun's HTTP/WebSocket server. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const registry = new ConnectionRegistry();
  const signer = new LinkSigner(options.signingSecret, options.linkTtlMs ?? 15 * 60_000);
  const links: ReportLinks = {
    docxUrl: (id) => {
      const path = `/v1/reports/${id}/report.docx`;
      return `${publicUrl}${path}?${signer.sign(path, clock.now())}`;
    },
  };
  const dispatcher = new ReportDispatcher(store, registry, links, clock, log);
  const authenticator = new Authenticator(store);
  const publisher = new ReportPublisher(store, dispatcher, clock, log);
  const app = createHttpApp({ store, authenticator, publisher, registry, log, version: VERSION });
  app.route("/v1/reports", downloadRoutes({ store, signer, clock }));
  const sessions = new Set<V1Session>();
  let inFlight = 0;
  const sessionDeps = { authenticator, registry, dispatcher, audit: store.audit, clock, log };

  const server: Server<SocketData> = Bun.serve<SocketData>({
    port: options.port ?? 8080,
    hostname: options.hostname ?? "0.0.0.0",
    fetch(request, srv) {
      const url = new URL(request.url);
      if (url.pathname === "/reports/ws") {
        const remote = srv.requestIP(request)?.address ?? "unknown";
        if (srv.upgrade(request, { data: { remote, session: null } })) return undefined;
        return Response.json(
          { error: { code: ApiErrorCode.UPGRADE_REQUIRED, message: "connect with a WebSocket client" } },
          { status: 426, headers: { Upgrade: "websocket" } },
        );
      }
      inFlight++;
      return Promise.resolve(app.fetch(request)).finally(() => inFlight--);
    },
    websocket: {
      maxPayloadLength: MAX_V1_INBOUND_FRAME_BYTES,
      backpressureLimit: 1024 * 1024,
      closeOnBackpressureLimit: false,
      open(ws: ServerWebSocket<SocketData>) {
        const session = new V1Session(newConnectionId(clock.now()), ws, ws.data.remote, sessionDeps);
        ws.data.session = session;
        sessions.add(session);
        session.opened();
      },
      message(ws, message) {
        ws.data.session?.received(typeof message === "string" ? message : new Uint8Array(message));
      },
      drain(ws) {
        ws.data.session?.drained();
      },
      close(ws, code) {
        const session = ws.data.session;
        if (!session) return;
        sessions.delete(session);
        session.closed(code);
      },
    },
  });

  const port = server.port ?? 0;
  const url = `http://${options.hostname === "0.0.0.0" || !options.hostname ? "127.0.0.1" : options.hostname}:${port}`;
  const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "");
  const watcher = new RevocationWatcher(
    store.credentials,
    registry,
    options.pollClock ?? systemClock,
    options.revocationPollMs ?? 250,
    log,
  );
  await watcher.start();
  log.info("hub listening", { url, version: VERSION });

  return {
    port,
    url,
    registry,
    dispatcher,
    async stop() {
      watcher.stop();
      for (const session of sessions) session.terminate(CloseCode.GOING_AWAY, "server shutting down");
      await dispatcher.idle();
      // Stop listening, let handlers that are running finish (a publish answers only after its
      // commit), then cut idle keep-alive connections: waiting for those, or for a client still
      // uploading a body already refused with 413, would stall shutdown for nothing.
      void server.stop(false);
      const deadline = Date.now() + (options.shutdownGraceMs ?? 10_000);
      while (inFlight > 0 && Date.now() < deadline) await Bun.sleep(10);
      if (inFlight > 0) log.warn("cutting requests still running after the shutdown grace period", { inFlight });
      await server.stop(true);
      log.info("hub stopped");
    },
  };
}
