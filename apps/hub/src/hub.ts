import {
  DEFAULT_RETENTION_MS,
  DELIVERY_WINDOW,
  HEARTBEAT_INTERVAL_MS,
  MAX_V1_INBOUND_FRAME_BYTES,
} from "@sofia/protocol";
import { type Clock, isoAt, systemClock } from "@sofia/runtime/clock";
import { type Logger, silentLogger } from "@sofia/runtime/log";
import type { Server, ServerWebSocket } from "bun";
import { startCareTeam } from "./care-team.ts";
import { AgentHeartbeats } from "./console/agent-heartbeats.ts";
import { ClinicRates } from "./console/clinic-rates.ts";
import { type ConsoleOptions, consoleDeps } from "./console/console-deps.ts";
import { ConnectionRegistry } from "./delivery/connection-registry.ts";
import { DeliveryData } from "./delivery/delivery-data.ts";
import { InProcessNotifier, type Notifier } from "./delivery/notifier.ts";
import type { ReportLinks } from "./delivery/report-ready.ts";
import { RevocationWatcher } from "./delivery/revocation-watcher.ts";
import { LinkSigner } from "./downloads/link-signer.ts";
import { createHttpApp } from "./http/app.ts";
import { ApiErrorCode, tooManyAttempts } from "./http/errors.ts";
import { newConnectionId } from "./ids.ts";
import { agentPresence, HubMetrics } from "./metrics/index.ts";
import { DocxCache, RenderPool, type RenderPoolSettings } from "./render/index.ts";
import { repeatEvery } from "./repeat.ts";
import { AuthGuard, type AuthGuardLimits } from "./security/auth-guard.ts";
import { clientAddress } from "./security/client-address.ts";
import { FailedAuthAudit } from "./security/failed-auth-audit.ts";
import { hubOrigins } from "./security/own-origins.ts";
import { Authenticator } from "./services/authenticator.ts";
import { EnrollmentService } from "./services/enrollment.ts";
import { ReportPublisher } from "./services/report-publisher.ts";
import { DEFAULT_WEBHOOK_SETTINGS, WebhookSender, type WebhookSettings } from "./services/webhook-sender.ts";
import { isSocketIoSocket, type SocketIoWebSocketData } from "./socketio/socket-io-mount.ts";
import { type CachedHubStore, cachedStore } from "./store/cache/cached-store.ts";
import type { RecordCacheOptions } from "./store/cache/record-cache.ts";
import type { HubStore } from "./store/store.ts";
import { VERSION } from "./version.ts";
import { type HostResolver, systemResolver } from "./webhooks/destination.ts";
import { PinnedTransport } from "./webhooks/transport.ts";
import type { SocketPeer } from "./ws/socket-port.ts";
import { V1Session } from "./ws/v1-session.ts";
import { DEFAULT_STATUS_RATE, type StatusRate, V2Session } from "./ws/v2-session.ts";

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
  /**
   * The render pool: CPU time one rendering may take (at publish, and per DOCX download; default
   * 2 s), workers (one per core, 2-8), queues. See render/pool-settings.ts.
   */
  render?: Partial<RenderPoolSettings>;
  /** Memory for rendered DOCX files kept between downloads. Default 32 MiB; 0 keeps none. */
  docxCacheBytes?: number;
  /** Time for deadlines, the v2 heartbeat, retention and timestamps. */
  clock?: Clock;
  /** Time for background polls: revocations, webhooks, expiry (tests freeze `clock` and keep these). */
  pollClock?: Clock;
  revocationPollMs?: number;
  /**
   * Credentials, doctors and clinics read from the store are reused for at most `ttlMs` (default
   * 1 s), at most `maxEntries` of each kind (default 10,000), on `clock` (default `pollClock`).
   * `ttlMs: 0` reads the store every time.
   */
  recordCache?: Partial<RecordCacheOptions>;
  /** How long unacknowledged v2 deliveries are kept before they are reported expired. Default 30 days. */
  retentionMs?: number;
  /** v2 heartbeat interval. Default 25 s. */
  heartbeatMs?: number;
  /** v2 deliveries sent ahead of acknowledgements. Default 100. */
  deliveryWindow?: number;
  /** Statuses one v2 connection may send in a burst, then per second. Default 100, then 20. */
  statusRate?: StatusRate;
  webhooks?: Partial<WebhookSettings>;
  /** How long a Socket.IO delivery waits for the client's acknowledgement. Default 30 s. */
  socketIoAckTimeoutMs?: number;
  /** How a publish wakes the recipient's connections (on any node). Default: within this process. */
  notifier?: Notifier;
  /** The fetch the hub reaches identity providers with (clinics' JWKS). */
  fetch?: typeof fetch;
  /** How webhook host names are resolved (tests map names to addresses). Default: the system's. */
  resolveHost?: HostResolver;
  /** Refused authentications tolerated per address and per credential id. Default 20 a minute each. */
  authLimits?: AuthGuardLimits;
  /**
   * Take the client's address from the last `X-Forwarded-For` entry (what the TLS proxy in front
   * saw) instead of the socket's peer. Set it only when clients can reach the hub solely through
   * that proxy: otherwise anyone could choose their address for the rate limits.
   */
  trustProxy?: boolean;
  /**
   * Serve the console at `/console` (its files, built by `buildConsole()`), with the demo clinic's
   * sign-in when `demo` is given (`serve --demo` only) and the rates of the operator's view.
   */
  console?: ConsoleOptions;
  /**
   * Offer permessage-deflate on `/v2/ws` and `/reports/ws` and compress frames of a kilobyte and
   * more (ws/compression.ts). Default off: it halves a report delivery's bytes but costs the hub
   * CPU on every send, and a clinic's link carries a report every few minutes (docs/benchmarks.md).
   */
  compressFrames?: boolean;
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
  readonly notifier: Notifier;
  readonly webhooks: WebhookSender;
  /** This hub's Prometheus metrics (its own registry), served at `GET /metrics`. */
  readonly metrics: HubMetrics;
  /**
   * The store as this hub uses it (through its record cache): what is written through it, this hub
   * sees at once; what is written through another handle, within the cache's bound (1 s).
   */
  readonly store: CachedHubStore;
  /** Sockets open now, authenticated or not. */
  openSockets(): number;
  /** Closes every socket with 1001, stops accepting requests and waits for in-flight work. */
  stop(): Promise<void>;
}

type Session = V1Session | V2Session;
interface SocketData {
  peer: SocketPeer;
  protocol: "v1" | "v2";
  session: Session | null;
}
/** A socket of the hub's own endpoints, or one the Socket.IO engine upgraded (`isSocketIoSocket`). */
type AnySocketData = SocketData | SocketIoWebSocketData;
const SOCKET_PATHS: Record<string, SocketData["protocol"]> = { "/reports/ws": "v1", "/v2/ws": "v2" };

/** The data of one of the hub's own sockets; `null` for a Socket.IO one. */
function hubData(ws: ServerWebSocket<AnySocketData>): SocketData | null {
  const data = ws.data;
  return "transport" in data ? null : data;
}

/** Starts a hub on Bun's HTTP/WebSocket server. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const clock = options.clock ?? systemClock;
  const pollClock = options.pollClock ?? systemClock;
  // Every publish and socket authentication reads a credential, a doctor and a clinic: from here
  // they come from the main thread's cache, fresh within 1 s, instead of a store-thread round trip.
  const store = cachedStore(options.store, { ...options.recordCache, clock: options.recordCache?.clock ?? pollClock });
  const log = options.log ?? silentLogger;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const registry = new ConnectionRegistry();
  // One registry per hub, never prom-client's global one: tests run several hubs in one process.
  const metrics = new HubMetrics();
  const rates = new ClinicRates(clock);
  const signer = new LinkSigner(options.signingSecret, options.linkTtlMs ?? 15 * 60_000);
  let publicUrl = "";
  const links: ReportLinks = {
    docxUrl: (id) => {
      const path = `/v1/reports/${id}/report.docx`;
      return `${publicUrl}${path}?${signer.sign(path, clock.now())}`;
    },
  };
  const failedAuth = new FailedAuthAudit(store.audit, clock, log);
  const guard = new AuthGuard(clock, failedAuth, options.authLimits, metrics);
  const authenticator = new Authenticator(store, guard, store.records);
  const notifier = options.notifier ?? new InProcessNotifier();
  const unsubscribe = notifier.subscribe((recipient, stored) => {
    for (const connection of registry.forRecipient(recipient)) connection.wake(stored);
  });
  const renderer = new RenderPool(options.render);
  renderer.onRendered = (kind, seconds) => metrics.rendered(kind, seconds);
  const docxCache = new DocxCache(options.docxCacheBytes);
  const publisher = new ReportPublisher(store, renderer, notifier, clock, log, metrics);
  const enrollment = new EnrollmentService(store, clock, guard);
  const webhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...options.webhooks };
  const transport = new PinnedTransport(
    options.resolveHost ?? systemResolver,
    { allowLocalTargets: webhookSettings.allowLocalTargets },
    webhookSettings.timeoutMs,
  );
  const webhooks = new WebhookSender(store, pollClock, transport, webhookSettings, log, metrics);
  const sessions = new Set<Session>();
  const remoteOf = (request: Request) =>
    clientAddress(request, server.requestIP(request)?.address ?? "unknown", options.trustProxy ?? false);
  const pumpSettings = {
    store,
    data: new DeliveryData(store, links),
    clock,
    log,
    retentionMs,
    window: options.deliveryWindow ?? DELIVERY_WINDOW,
    metrics,
    rates,
  };
  metrics.connectionsFrom(() => registry.all().flatMap((c) => (c.kind ? [c.kind] : [])));
  metrics.reportsFrom(() => store.stats.counts(clock.now()));
  metrics.agentsFrom(() => agentPresence(store, registry));
  store.observeCommits?.((seconds) => metrics.committed(seconds));
  // The hub's own origins (known once it listens): the console it serves may open Socket.IO.
  const ownOrigins: string[] = [];
  const careTeam = startCareTeam({
    ownOrigins: () => (options.console ? ownOrigins : []),
    store,
    registry,
    notifier,
    pump: pumpSettings,
    clock,
    fetch: options.fetch ?? fetch,
    log,
    guard,
    remoteOf,
    ...(options.socketIoAckTimeoutMs !== undefined ? { socketIoAckTimeoutMs: options.socketIoAckTimeoutMs } : {}),
  });
  const app = createHttpApp({
    store,
    authenticator,
    publisher,
    registry,
    log,
    version: VERSION,
    signer,
    renderer,
    docxCache,
    clock,
    enrollment,
    webhooks,
    notifications: careTeam.publisher,
    metrics,
    remoteOf,
    console: options.console
      ? consoleDeps(options.console, {
          store,
          clock,
          access: careTeam.access,
          guard,
          remoteOf,
          authenticator,
          notifications: careTeam.publisher,
          agentLinks: () => heartbeats.links(),
          rates,
        })
      : null,
  });
  // Agents' heartbeats on this node, for the operator's view.
  const heartbeats = new AgentHeartbeats(() =>
    [...sessions].flatMap((s) => (s instanceof V2Session && s.agent ? [s.agent] : [])),
  );
  const v1Deps = { ...pumpSettings, authenticator, registry };
  const v2Deps = {
    ...v1Deps,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
    users: careTeam.access,
    notifier,
    guard,
    statusRate: options.statusRate ?? DEFAULT_STATUS_RATE,
  };
  let inFlight = 0;

  const { socketIo } = careTeam;
  const server: Server<AnySocketData> = Bun.serve<AnySocketData>({
    port: options.port ?? 8080,
    hostname: options.hostname ?? "0.0.0.0",
    fetch(request, srv) {
      const { pathname } = new URL(request.url);
      // Socket.IO's long-polls and upgrades are not counted with in-flight HTTP requests: the
      // mount ends them itself at shutdown.
      if (socketIo.handles(pathname)) return socketIo.fetch(request, srv);
      const protocol = SOCKET_PATHS[pathname];
      if (protocol) {
        const remote = remoteOf(request);
        // An address over its refusals is turned away before a socket (and a session) exists.
        const wait = guard.retryAfterMs(remote, null);
        if (wait > 0) return tooManyAttempts(wait);
        const peer = { remote, origin: request.headers.get("origin") };
        if (srv.upgrade(request, { data: { peer, protocol, session: null } })) return undefined;
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
      // Only when the operator asks for it (`--compress-frames`): then negotiated with clients that
      // offer it, and each frame compressed or not by size (ws/compression.ts). Incoming frames are
      // small (acks, statuses) and stay uncompressed.
      perMessageDeflate: options.compressFrames ? { compress: true, decompress: false } : false,
      open(ws: ServerWebSocket<AnySocketData>) {
        if (isSocketIoSocket(ws)) return socketIo.websocket.open(ws);
        const data = hubData(ws);
        if (!data) return;
        const id = newConnectionId(clock.now());
        const session =
          data.protocol === "v1" ? new V1Session(id, ws, data.peer, v1Deps) : new V2Session(id, ws, data.peer, v2Deps);
        data.session = session;
        sessions.add(session);
        session.opened();
      },
      message(ws, message) {
        if (isSocketIoSocket(ws)) return socketIo.websocket.message(ws, message);
        hubData(ws)?.session?.received(typeof message === "string" ? message : new Uint8Array(message));
      },
      drain(ws) {
        hubData(ws)?.session?.drained();
      },
      close(ws, code, reason) {
        if (isSocketIoSocket(ws)) return socketIo.websocket.close(ws, code, reason);
        const session = hubData(ws)?.session;
        if (!session) return;
        sessions.delete(session);
        if (session instanceof V2Session && session.agent) heartbeats.closed(session.agent);
        session.closed(code);
      },
    },
  });

  const port = server.port ?? 0;
  const url = `http://${options.hostname === "0.0.0.0" || !options.hostname ? "127.0.0.1" : options.hostname}:${port}`;
  publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "");
  ownOrigins.push(...hubOrigins(publicUrl, url, options.hostname));
  const watcher = new RevocationWatcher(store.credentials, registry);
  await watcher.init();
  const loops = [
    // The v2 heartbeat runs on `clock` (tests drive it); the polls below on `pollClock`.
    repeatEvery(
      clock,
      v2Deps.heartbeatMs,
      "heartbeat",
      () => {
        for (const session of [...sessions]) if (session instanceof V2Session) session.beat(clock.now());
      },
      log,
    ),
    repeatEvery(pollClock, options.revocationPollMs ?? 250, "revocation poll", () => watcher.poll(), log),
    repeatEvery(pollClock, webhookSettings.pollMs, "webhook delivery", () => webhooks.runDue(), log),
    repeatEvery(
      pollClock,
      60_000,
      "retention sweep",
      () => store.mailbox.expire(clock.now() - retentionMs, isoAt(clock.now())),
      log,
    ),
    repeatEvery(pollClock, 60_000, "audit of refused attempts", () => failedAuth.flush(), log),
  ];
  log.info("hub listening", { url, version: VERSION });

  return {
    port,
    url,
    registry,
    notifier,
    webhooks,
    metrics,
    store,
    openSockets: () => sessions.size,
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
      unsubscribe();
      for (const session of sessions) session.end("shutdown");
      await socketIo.close();
      // Stop listening, let handlers that are running finish (a publish answers only after its
      // commit), then cut idle keep-alive connections: waiting for those, or for a client still
      // uploading a body already refused with 413, would stall shutdown for nothing.
      void server.stop(false);
      const deadline = Date.now() + (options.shutdownGraceMs ?? 10_000);
      while (inFlight > 0 && Date.now() < deadline) await Bun.sleep(10);
      if (inFlight > 0) log.warn("cutting requests still running after the shutdown grace period", { inFlight });
      await server.stop(true);
      await failedAuth.flush();
      renderer.close();
      log.info("hub stopped");
    },
  };
}
