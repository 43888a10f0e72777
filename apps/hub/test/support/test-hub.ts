import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnrollResponse, type ReportContent, V2Deliver, V2Welcome } from "@sofia/protocol";
import { type Clock, systemClock } from "@sofia/runtime/clock";
import { createLogger, type Logger } from "@sofia/runtime/log";
import { TestSocket } from "@sofia/testing";
import { databasePath } from "../../src/config.ts";
import { type HubOptions, type RunningHub, startHub } from "../../src/hub.ts";
import { AdminService } from "../../src/services/admin.ts";
import { EnrollmentService } from "../../src/services/enrollment.ts";
import { openSqliteStore, type SqliteStoreOptions } from "../../src/store/sqlite/sqlite-store.ts";
import type { HubStore } from "../../src/store/store.ts";

/** A hub on an ephemeral port over a fresh SQLite file, with helpers to set up clinics. */
export interface TestHub {
  hub: RunningHub;
  store: HubStore;
  admin: AdminService;
  dataDir: string;
  url: string;
  wsUrl: string;
  v2Url: string;
  /** Every log line the hub wrote. */
  logs: string[];
  /** Stops the hub and reopens the same data directory: a restart with everything durable kept. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

/** Starts an in-process hub. Pass `clock` to control the auth deadline and timestamps. */
export async function startTestHub(
  options: {
    clock?: Clock;
    dataDir?: string;
    extra?: Partial<HubOptions>;
    /** Wraps the store the hub uses (the test's `store` stays the real one, uncached), e.g. to inject failures. */
    wrapStore?: (store: HubStore) => HubStore;
    storeOptions?: Omit<SqliteStoreOptions, "thread">;
  } = {},
): Promise<TestHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "sofia-hub-test-"));
  const logs: string[] = [];
  const log: Logger = createLogger({ level: "debug", sinks: [(line) => logs.push(line)] });
  const open = async () => {
    const store = await openSqliteStore(databasePath(dataDir), { thread: "worker", ...options.storeOptions });
    const hub = await startHub({
      store: options.wrapStore ? options.wrapStore(store) : store,
      port: 0,
      hostname: "127.0.0.1",
      signingSecret: SIGNING_SECRET,
      log,
      revocationPollMs: 100,
      ...(options.clock ? { clock: options.clock } : {}),
      ...options.extra,
    });
    // Without a wrapper the test writes through the hub's own view of the store, as the hub's
    // own requests do, so its changes are seen at once (a second handle: within the cache's bound).
    return { store: options.wrapStore ? store : hub.store, hub };
  };
  let current = await open();
  const clockForAdmin: Clock = options.clock ?? { now: Date.now, setTimeout: () => ({ cancel() {} }) };
  const test: TestHub = {
    hub: current.hub,
    store: current.store,
    admin: new AdminService(current.store, clockForAdmin),
    dataDir,
    get url() {
      return current.hub.url;
    },
    get wsUrl() {
      return `${current.hub.url.replace(/^http/, "ws")}/reports/ws`;
    },
    get v2Url() {
      return `${current.hub.url.replace(/^http/, "ws")}/v2/ws`;
    },
    logs,
    async restart() {
      await current.hub.stop();
      await current.store.close();
      current = await open();
      test.hub = current.hub;
      test.store = current.store;
      test.admin = new AdminService(current.store, clockForAdmin);
    },
    async stop() {
      await current.hub.stop();
      await current.store.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}

/** Creates a doctor (and clinic) and returns the doctor key. */
export async function addDoctor(t: TestHub, doctorId: string, clinicId = "clinic-a", name = `Dr. ${doctorId}`) {
  const { key } = await t.admin.addDoctor({ doctorId, clinicId, name });
  return key.secret;
}

/** Creates a producer token with `reports:publish` (optionally confined to a clinic). */
export async function addProducer(t: TestHub, clinicId?: string): Promise<string> {
  const token = await t.admin.createProducerToken({
    name: "test producer",
    scopes: ["reports:publish"],
    ...(clinicId ? { clinicId } : {}),
  });
  return token.secret;
}

/** A report whose every section carries `marker`, to find it (or prove its absence) later. */
export function sampleReport(marker = "m"): ReportContent {
  return {
    history: `history ${marker}`,
    findings: `findings ${marker}`,
    diagnosis: `diagnosis ${marker}`,
    procedure: `procedure ${marker}`,
    recommendation: `recommendation ${marker}`,
  };
}

/** POSTs a report as a producer to a hub (in-process or a child process) and returns the response. */
export function publish(hub: { url: string }, token: string, body: unknown): Promise<Response> {
  return fetch(`${hub.url}/v1/reports`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** `PUT /v1/webhook` as a producer. */
export function putWebhook(t: { url: string }, token: string, url: string): Promise<Response> {
  return fetch(`${t.url}/v1/webhook`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ url }),
  });
}

/** Opens a raw v2 socket, sends `auth` and returns it with the parsed `welcome`. */
export async function openV2(t: { v2Url: string }, credential: string, cursor?: number) {
  const socket = await TestSocket.open(t.v2Url);
  socket.send(JSON.stringify({ type: "auth", credential, ...(cursor === undefined ? {} : { cursor }) }));
  const welcome = V2Welcome.parse((await socket.next()).json);
  return { socket, welcome };
}

/** Reads the next `n` frames as v2 deliveries. */
export async function nextDeliveries(socket: TestSocket, n: number): Promise<V2Deliver[]> {
  const out: V2Deliver[] = [];
  for (let i = 0; i < n; i++) out.push(V2Deliver.parse((await socket.next()).json));
  return out;
}

/** Resolves once the report's timeline has an event of `type` (delivery records are written after the frame). */
export async function untilTimelineHas(t: TestHub, reportId: string, type: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await t.store.reports.timeline(reportId)).some((e) => e.type === type)) {
    if (Date.now() > deadline) throw new Error(`report ${reportId} has no ${type} event after ${ms} ms`);
    await Bun.sleep(5);
  }
}

/** Enrolls an agent for a doctor through the HTTP API and returns its device token. */
export async function enrollAgent(t: TestHub, doctorId: string, clinicId = "clinic-a", name = "Operatory 1") {
  const issued = await new EnrollmentService(t.store, systemClock).createCode(clinicId, doctorId);
  if (!issued) throw new Error(`no doctor ${doctorId} in ${clinicId}`);
  const response = await fetch(`${t.url}/v1/agents/enroll`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: issued.code, device: { name } }),
  });
  return EnrollResponse.parse(await response.json());
}
