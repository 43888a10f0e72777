import type { ApiMode } from "../../src/api/mode.ts";
import type { GatedParts } from "../../src/api/version-guard.ts";
import { seedDemoOffice } from "../../src/demo/demo-office.ts";
import { type RunningSandbox, startSandbox } from "../../src/sandbox.ts";
import { openStore } from "../../src/store/open.ts";
import type { OdStore } from "../../src/store/store.ts";
import { parseVersion, setOfficeVersion } from "../../src/version.ts";
import { OfficeFakeClock as FakeClock, OFFICE_NOON_ISH } from "./fake-clock.ts";

/** Keys every test sandbox has: `all` may write, `read` may only read, `off` is disabled. */
export const KEYS = {
  developer: "devSandbox01",
  all: "custAll01",
  read: "custRead01",
  off: "custOff01",
  developerName: "Sofia Test Dev",
} as const;

/** An in-process sandbox on an ephemeral port, with its store and fake clock. */
export interface TestSandbox {
  sandbox: RunningSandbox;
  api: string;
  store: OdStore;
  clock: FakeClock;
  /** A request to `/api/v1{path}` with a valid `all` key and JSON content type (both overridable). */
  call(
    path: string,
    init?: { method?: string; body?: unknown; customer?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** A request to `/_sandbox{path}`. */
  control(path: string, method?: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts a sandbox on `db` (from `testDatabases`) with the demo office seeded unless `seed` is false. */
export async function startTestSandbox(
  db: string,
  options: { mode?: ApiMode; seed?: boolean; clock?: FakeClock; version?: string; gatedParts?: GatedParts } = {},
): Promise<TestSandbox> {
  const clock = options.clock ?? new FakeClock(OFFICE_NOON_ISH);
  const store = await openStore(db, clock);
  for (const [customer, permissions, enabled] of [
    [KEYS.all, "all", 1],
    [KEYS.read, "read", 1],
    [KEYS.off, "all", 0],
  ] as const) {
    await store.insert("apikey", {
      CustApiKey: customer,
      DevApiKey: KEYS.developer,
      DevName: KEYS.developerName,
      ApiPermissions: permissions,
      IsEnabled: enabled,
    });
  }
  if (options.seed !== false) await seedDemoOffice(store, clock);
  const version = options.version === undefined ? undefined : parseVersion(options.version);
  if (version) await setOfficeVersion(store, version);
  const sandbox = startSandbox({
    store,
    clock,
    mode: options.mode ?? "local",
    port: 0,
    ...(options.gatedParts ? { gatedParts: options.gatedParts } : {}),
  });
  const api = `${sandbox.url}/api/v1`;
  return {
    sandbox,
    api,
    store,
    clock,
    call: (path, init = {}) =>
      fetch(`${api}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          Authorization: `ODFHIR ${KEYS.developer}/${init.customer ?? KEYS.all}`,
          "Content-Type": "application/json",
          ...init.headers,
        },
        ...(init.body === undefined
          ? {}
          : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
      }),
    control: (path, method = "POST", body) =>
      fetch(`${sandbox.url}/_sandbox${path}`, {
        method,
        headers: { "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    stop: async () => {
      await sandbox.stop();
      await store.close();
    },
  };
}

/** The JSON body of a response, as an array of records (fails the test if it is not one). */
export async function jsonList(response: Response): Promise<Record<string, unknown>[]> {
  const body: unknown = await response.json();
  if (!Array.isArray(body)) throw new Error(`expected a JSON array, got ${JSON.stringify(body).slice(0, 200)}`);
  return body.map((item) => {
    if (typeof item !== "object" || item === null) throw new Error("expected objects");
    return Object.fromEntries(Object.entries(item));
  });
}

/** The JSON body of a response, as one record. */
export async function jsonRecord(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new Error(`expected an object: ${JSON.stringify(body)}`);
  return Object.fromEntries(Object.entries(body));
}
