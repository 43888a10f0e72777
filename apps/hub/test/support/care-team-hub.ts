import { type ClientEvent, MemoryCursorStore, SofiaClient, type UserMessage } from "@sofia/client";
import { NOTIFICATION_EVENTS, type V2Deliver } from "@sofia/protocol";
import type { Clock } from "@sofia/runtime/clock";
import { io, type Socket } from "socket.io-client";
import type { HubOptions } from "../../src/hub.ts";
import type { HubStore } from "../../src/store/store.ts";
import { addDoctor, startTestHub, type TestHub } from "./test-hub.ts";
import { JwksServer, mintToken, type ProviderKey, providerKey, type TokenSpec } from "./user-tokens.ts";

export const ISSUER = "https://id.example-clinic.org/";
export const AUDIENCE = "sofia-hub";
export const SECRET_A = "clinic-a-shared-secret-0123456789abcdef";
export const SECRET_B = "clinic-b-shared-secret-fedcba9876543210";

/**
 * A hub whose clinics have care-team users: `clinic-a` and `clinic-b` sign with shared secrets,
 * `clinic-j` publishes an RS256 key on a real JWKS server. `dr-ada` is a doctor of clinic-a (and
 * the `sub` of her own web-app user). `producer` may publish notifications and reports to
 * clinic-a only.
 */
export interface CareTeamHub {
  t: TestHub;
  producer: string;
  rsKey: ProviderKey;
  jwks: JwksServer;
  /** Seconds since the epoch on the hub's clock. */
  nowS(): number;
  /** A valid HS256 token of clinic-a unless `spec` says otherwise. */
  token(sub: string, role: string, spec?: TokenSpec, secret?: string): Promise<string>;
  /** POSTs a notification as the producer. */
  notify(body: unknown, token?: string): Promise<Response>;
  stop(): Promise<void>;
}

export async function startCareTeamHub(
  options: {
    clock?: Clock;
    socketIoAckTimeoutMs?: number;
    wrapStore?: (store: HubStore) => HubStore;
    extra?: Partial<HubOptions>;
  } = {},
): Promise<CareTeamHub> {
  const t = await startTestHub({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.wrapStore ? { wrapStore: options.wrapStore } : {}),
    extra: {
      ...options.extra,
      ...(options.socketIoAckTimeoutMs === undefined ? {} : { socketIoAckTimeoutMs: options.socketIoAckTimeoutMs }),
    },
  });
  const clock = options.clock ?? { now: Date.now };
  await addDoctor(t, "dr-ada", "clinic-a", "Dr. Ada");
  await addDoctor(t, "dr-bob", "clinic-b", "Dr. Bob");
  await addDoctor(t, "dr-jo", "clinic-j", "Dr. Jo");
  const jwks = new JwksServer();
  const rsKey = await providerKey("RS256", "rs-1");
  jwks.keys = [rsKey.jwk];
  const common = { issuer: ISSUER, audience: AUDIENCE, clockSkewSeconds: 30 };
  await t.store.directory.setUserAuth("clinic-a", { ...common, keys: { kind: "shared_secret", secret: SECRET_A } });
  await t.store.directory.setUserAuth("clinic-b", { ...common, keys: { kind: "shared_secret", secret: SECRET_B } });
  await t.store.directory.setUserAuth("clinic-j", { ...common, keys: { kind: "jwks", url: jwks.url } });
  const producer = (
    await t.admin.createProducerToken({
      name: "care app",
      scopes: ["notifications:publish", "reports:publish"],
      clinicId: "clinic-a",
    })
  ).secret;
  const nowS = () => Math.floor(clock.now() / 1000);
  return {
    t,
    producer,
    rsKey,
    jwks,
    nowS,
    token: (sub, role, spec = {}, secret = SECRET_A) =>
      mintToken(new TextEncoder().encode(secret), "HS256", {
        sub,
        role,
        clinic: "clinic-a",
        iss: ISSUER,
        aud: AUDIENCE,
        exp: nowS() + 600,
        ...spec,
      }),
    notify: (body, token = producer) =>
      fetch(`${t.url}/v1/notifications`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    async stop() {
      await t.stop();
      await jwks.stop();
    },
  };
}

/** A care-team user's web app on protocol v2 through `@sofia/client`, recording what it gets. */
export function v2User(hub: CareTeamHub, token: string, device = "laptop") {
  const deliveries: V2Deliver[] = [];
  const messages: UserMessage[] = [];
  const events: ClientEvent[] = [];
  const client = new SofiaClient({
    url: () => hub.t.v2Url,
    credential: () => token,
    cursor: new MemoryCursorStore(),
    device,
    events: ["report_ready", ...NOTIFICATION_EVENTS],
    onDelivery: (d) => void deliveries.push(d),
    onUserMessage: (m) => void messages.push(m),
    onEvent: (e) => events.push(e),
    backoff: { minMs: 10, maxMs: 50, stableMs: 60_000 },
  });
  return { client, deliveries, messages, events };
}

/** A care-team user's web app on Socket.IO, as code written for a plain Socket.IO server. */
export function socketUser(
  hub: CareTeamHub,
  token: string,
  options: { transports?: ("websocket" | "polling")[]; device?: string; ack?: boolean } = {},
) {
  const received: { event: string; data: unknown; meta: unknown }[] = [];
  const socket: Socket = io(hub.t.url, {
    auth: { token, ...(options.device ? { device: options.device } : {}) },
    transports: options.transports ?? ["websocket"],
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
  });
  socket.onAny((event: string, data: unknown, meta: unknown, ack?: unknown) => {
    received.push({ event, data, meta });
    if (options.ack !== false && typeof ack === "function") ack();
  });
  return { socket, received };
}
