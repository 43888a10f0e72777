import {
  type ApiMode,
  type OdStore,
  type OfficeClock,
  openStore,
  parseVersion,
  type RunningSandbox,
  seedDemoOffice,
  setOfficeVersion,
  startSandbox,
} from "@sofia/od-sandbox/embed";

/** The keys every test office has: `all` may write, `read` only read. */
export const OD_KEYS = { developer: "devAgentTest01", all: "custAgentAll01", read: "custAgentRead1" } as const;

/**
 * The test office's time zone: never this machine's (UTC on CI), so office dates must come from
 * the server's clock, and chosen when the tests start so that the office's wall clock reads late
 * morning or early afternoon. With a fixed zone (it was Denver), a test that selects a patient
 * "30 minutes ago" failed in the half hour after the office's midnight: the rule rightly calls a
 * selection from the day before stale. A test must not depend on the hour it runs.
 */
export const TIME_ZONE = middayZone(Date.now());

/** An `Etc/GMT±N` zone (POSIX signs: `Etc/GMT+7` is UTC−7) in which `nowMs` is 10:00–14:59, not UTC. */
export function middayZone(nowMs: number): string {
  const utcHour = new Date(nowMs).getUTCHours();
  for (const localHour of [12, 11, 13, 10, 14]) {
    let behind = utcHour - localHour; // hours the office is behind UTC
    if (behind > 12) behind -= 24;
    if (behind < -14) behind += 24;
    if (behind !== 0) return `Etc/GMT${behind > 0 ? "+" : "-"}${Math.abs(behind)}`;
  }
  throw new Error("unreachable: five candidate hours cannot all be UTC");
}

/**
 * The office's clock: real time, in the test office's zone. A `timeout` fault holds a request for 60 s of this
 * clock's timers; `waitScale` shrinks them (1/1000: 60 ms) so a test of "the answer never came"
 * takes no minute. Stamps and throttling use the real time (the sandbox's timers are only its waits).
 */
export function officeClock(waitScale = 1 / 1000): OfficeClock {
  return {
    now: () => Date.now(),
    timeZone: TIME_ZONE,
    setTimeout(fn, ms) {
      const timer = setTimeout(fn, ms * waitScale);
      return { cancel: () => clearTimeout(timer) };
    },
  };
}

/** A row count of each table a writer could write to. */
export type WriteCounts = Record<"procedurelog" | "procnote" | "commlog" | "document" | "patient", number>;

/** The demo office in a test: the sandbox (SQLite or MariaDB) on an ephemeral port, and the demo's ids. */
export interface TestOffice {
  store: OdStore;
  /** The API base URL (`…/api/v1`). */
  apiUrl: string;
  url: string;
  ids: {
    dentist: number;
    hygienist: number;
    op1: number;
    op2: number;
    hyg: number;
    zclin: number;
    /** PatNum by "First Last Birthdate" ("Mateo Garcia 1979-07-30"). */
    patient(first: string, last: string, birthdate?: string): number;
  };
  /** POST/PUT/DELETE to `/_sandbox`; throws unless it answers 2xx. */
  control(path: string, method?: string, body?: unknown): Promise<unknown>;
  counts(): Promise<WriteCounts>;
  stop(): Promise<void>;
}

/** Starts the seeded demo office on `db` in `mode` (default `service`). */
export async function startTestOffice(
  db: string,
  options: { mode?: ApiMode; version?: string } = {},
): Promise<TestOffice> {
  const clock = officeClock();
  const store = await openStore(db, clock);
  for (const [customer, permissions] of [
    [OD_KEYS.all, "all"],
    [OD_KEYS.read, "read"],
  ] as const) {
    await store.insert("apikey", {
      CustApiKey: customer,
      DevApiKey: OD_KEYS.developer,
      DevName: "Sofia Bridge",
      ApiPermissions: permissions,
      IsEnabled: 1,
    });
  }
  await seedDemoOffice(store, clock);
  const version = options.version === undefined ? undefined : parseVersion(options.version);
  if (version) await setOfficeVersion(store, version);
  const sandbox: RunningSandbox = startSandbox({ store, clock, mode: options.mode ?? "service", port: 0 });
  const providers = await store.select("provider");
  const operatories = await store.select("operatory");
  const patients = await store.select("patient");
  const [zclin] = await store.select("procedurecode", { where: [{ column: "ProcCode", op: "=", value: "Zclin" }] });
  const byAbbr = <T extends { Abbr?: string; Abbrev?: string }>(rows: T[], abbr: string, key: (r: T) => number) => {
    const row = rows.find((r) => (r.Abbr ?? r.Abbrev) === abbr);
    if (!row) throw new Error(`the demo office has no ${abbr}`);
    return key(row);
  };
  const total = async (table: keyof WriteCounts) => (await store.select(table)).length;
  return {
    store,
    url: sandbox.url,
    apiUrl: `${sandbox.url}/api/v1`,
    ids: {
      dentist: byAbbr(providers, "DOC1", (p) => p.ProvNum),
      hygienist: byAbbr(providers, "HYG1", (p) => p.ProvNum),
      op1: byAbbr(operatories, "OP1", (o) => o.OperatoryNum),
      op2: byAbbr(operatories, "OP2", (o) => o.OperatoryNum),
      hyg: byAbbr(operatories, "HYG", (o) => o.OperatoryNum),
      zclin: zclin?.CodeNum ?? 0,
      patient(first, last, birthdate) {
        const found = patients.filter(
          (p) => p.FName === first && p.LName === last && (birthdate === undefined || p.Birthdate === birthdate),
        );
        if (found.length !== 1)
          throw new Error(`${found.length} demo patients named ${first} ${last} ${birthdate ?? ""}`);
        return found[0]?.PatNum ?? 0;
      },
    },
    async control(path, method = "POST", body) {
      const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
        method,
        headers: { "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`/_sandbox${path} answered ${response.status}: ${text}`);
      return text ? JSON.parse(text) : null;
    },
    counts: async () => ({
      procedurelog: await total("procedurelog"),
      procnote: await total("procnote"),
      commlog: await total("commlog"),
      document: await total("document"),
      patient: await total("patient"),
    }),
    async stop() {
      await sandbox.stop();
      await store.close();
    },
  };
}
