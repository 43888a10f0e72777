import {
  type ApiMode,
  type GatedParts,
  type OdStore,
  openStore,
  parseVersion,
  type RunningSandbox,
  seedDemoOffice,
  setOfficeVersion,
  startSandbox,
} from "@sofia/od-sandbox/embed";
import { type EndpointConfig, OpenDentalClient, type OpenDentalClientOptions } from "../../src/index.ts";
import { TestClock } from "./clock.ts";

/** The keys every test office has: `all` may write, `read` only read, `off` is disabled. */
export const KEYS = { developer: "devClientTest1", all: "custAll01", read: "custRead01", off: "custOff01" } as const;

/** One request as the client sent it, with the (shared) clock's time when it left. */
export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  at: number;
  status?: number;
}

/** An Open Dental office in a test: the sandbox on a fresh database, its clock, and what was sent to it. */
export interface TestOffice {
  store: OdStore;
  clock: TestClock;
  /** The sandbox's base URL (without /api/v1). */
  url: string;
  /** Every request sent through {@link client}s, in order. */
  sent: SentRequest[];
  /** The most writes (non-GET requests) that were ever in flight at once. */
  maxWritesInFlight(): number;
  /** A client for this office: one endpoint in `mode` at this sandbox unless `endpoints` is given. */
  client(options?: Partial<OpenDentalClientOptions> & { customer?: string; mode?: ApiMode }): OpenDentalClient;
  /** An endpoint configuration pointing at this sandbox. */
  endpoint(mode?: ApiMode): EndpointConfig;
  /** POST/PUT/DELETE to the sandbox's /_sandbox control endpoints. */
  control(path: string, method: string, body?: unknown): Promise<Response>;
  /** Another server for the same office (another API mode on the same database). */
  alsoServe(mode: ApiMode): RunningSandbox;
  stop(): Promise<void>;
}

export interface OfficeOptions {
  mode?: ApiMode;
  version?: string;
  gatedParts?: GatedParts;
  clock?: TestClock;
}

/** Starts a seeded office on `db` in `mode` (default `service`), on an ephemeral port. */
export async function startOffice(db: string, options: OfficeOptions = {}): Promise<TestOffice> {
  const clock = options.clock ?? new TestClock();
  const store = await openStore(db, clock);
  for (const [customer, permissions, enabled] of [
    [KEYS.all, "all", 1],
    [KEYS.read, "read", 1],
    [KEYS.off, "all", 0],
  ] as const) {
    await store.insert("apikey", {
      CustApiKey: customer,
      DevApiKey: KEYS.developer,
      DevName: "Sofia Bridge Tests",
      ApiPermissions: permissions,
      IsEnabled: enabled,
    });
  }
  await seedDemoOffice(store, clock);
  const version = options.version === undefined ? undefined : parseVersion(options.version);
  if (version) await setOfficeVersion(store, version);
  const serve = (mode: ApiMode) =>
    startSandbox({ store, clock, mode, port: 0, ...(options.gatedParts ? { gatedParts: options.gatedParts } : {}) });
  const servers = [serve(options.mode ?? "service")];
  const main = servers[0] as RunningSandbox;
  const sent: SentRequest[] = [];
  let writing = 0;
  let maxWriting = 0;
  const recording = (async (input: Request | string | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const entry: SentRequest = {
      method: init?.method ?? "GET",
      path: url.pathname.replace(/^\/api\/v1/, ""),
      query: url.searchParams,
      body: typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
      at: clock.now(),
    };
    sent.push(entry);
    const isWrite = entry.method !== "GET";
    if (isWrite) maxWriting = Math.max(maxWriting, ++writing);
    try {
      const response = await fetch(input, init);
      entry.status = response.status;
      // The answer counts as part of the write: the next may start once it is read.
      return new Response(await response.arrayBuffer(), response);
    } finally {
      if (isWrite) writing--;
    }
  }) as typeof fetch;
  const endpoint = (mode: ApiMode = options.mode ?? "service"): EndpointConfig => ({ mode, url: `${main.url}/api/v1` });
  return {
    store,
    clock,
    url: main.url,
    sent,
    maxWritesInFlight: () => maxWriting,
    endpoint,
    client: ({ customer, mode, ...rest } = {}) =>
      new OpenDentalClient({
        developerKey: KEYS.developer,
        customerKey: customer ?? KEYS.all,
        endpoints: [endpoint(mode)],
        fetch: recording,
        clock,
        ...rest,
      }),
    control: (path, method, body) =>
      fetch(`${main.url}/_sandbox${path}`, {
        method,
        headers: { "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    alsoServe: (mode) => {
      const server = serve(mode);
      servers.push(server);
      return server;
    },
    stop: async () => {
      for (const server of servers) await server.stop();
      await store.close();
    },
  };
}
