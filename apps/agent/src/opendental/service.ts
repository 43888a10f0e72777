import type { Database } from "bun:sqlite";
import { hostname } from "node:os";
import { type Clock, isOdError, OdErrorCode, type OfficeFeatures, type TimerHandle } from "@sofia/opendental";
import type { Logger } from "@sofia/runtime/log";
import type { AgentConfig } from "../config/schema.ts";
import { type EventServer, startEventServer } from "./chair/event-server.ts";
import { needsNetwork, syncSubscriptions, wantedSubscriptions } from "./chair/subscriptions.ts";
import { OdKeyStore } from "./keys.ts";
import { Office } from "./office.ts";
import { DEFAULT_OD_SETTINGS, type OpenDentalSettings, odSettings } from "./settings.ts";
import { Audit } from "./state/audit.ts";
import { openOdState } from "./state/database.ts";
import { Ledger } from "./state/ledger.ts";
import { Selections } from "./state/selections.ts";

/** How often the subscriptions are checked while all is well, and retried after a failure. */
const RESYNC_MS = 30 * 60_000;
const RETRY_MS = 60_000;

/** What the service needs from the agent. */
export interface OpenDentalServiceOptions {
  stateFile: string;
  keysFile: string;
  /** Whether the keys file is DPAPI-protected (Windows). */
  protectKeys: boolean;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
  /** This PC's machine name (default the OS's). */
  thisPc?: string;
  /** Open Dental client deadline per attempt (tests shorten it). */
  timeoutMs?: number;
}

/** Where the PatientSelected side stands, for the status page. */
export interface ChairFeed {
  listening: string | null;
  listenProblem: string | null;
  subscriptions: number;
  subscriptionProblem: string | null;
  syncedAt: number | null;
}

/**
 * Open Dental on this PC: the office connection (rebuilt when the endpoints or keys change), the
 * endpoint that receives PatientSelected events and Program Link selections, the office's
 * subscriptions for the mapped workstations, and the local state (selections, write ledger,
 * audit). Settings arrive through {@link apply}, each time `agent.json` changes.
 */
export class OpenDentalService {
  readonly selections: Selections;
  readonly ledger: Ledger;
  readonly audit: Audit;
  readonly thisPc: string;
  private readonly db: Database;
  private readonly keys: OdKeyStore;
  private settings: OpenDentalSettings = DEFAULT_OD_SETTINGS;
  private office: Office | null = null;
  private officeKey = "";
  private keysProblem: string | null = null;
  private server: EventServer | null = null;
  private serverKey = "";
  private customerKey: string | null = null;
  private feed: ChairFeed = {
    listening: null,
    listenProblem: null,
    subscriptions: 0,
    subscriptionProblem: null,
    syncedAt: null,
  };
  private features: OfficeFeatures | null = null;
  private syncTimer: TimerHandle | null = null;
  private syncing: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: OpenDentalServiceOptions) {
    this.db = openOdState(options.stateFile);
    const now = () => options.clock.now();
    this.selections = new Selections(this.db);
    this.ledger = new Ledger(this.db, now);
    this.audit = new Audit(this.db, now);
    this.keys = new OdKeyStore(options.keysFile, options.protectKeys);
    this.thisPc = (options.thisPc ?? hostname()).toUpperCase().slice(0, 63);
  }

  /** Applies the settings (and re-reads the keys): reconnects, moves the endpoint, syncs subscriptions. */
  async apply(config: AgentConfig): Promise<void> {
    this.settings = odSettings(config);
    this.connect();
    await this.listen();
    this.scheduleSync(0);
  }

  /** The office, or null when Open Dental is not connected (no endpoints or no keys). */
  currentOffice(): Office | null {
    return this.office;
  }

  currentSettings(): OpenDentalSettings {
    return this.settings;
  }

  /** Why the keys could not be read, or null. */
  keyProblem(): string | null {
    return this.keysProblem;
  }

  chairFeed(): ChairFeed {
    return this.feed;
  }

  /** The office's version and gated features as last read, or null before the first reading. */
  lastFeatures(): OfficeFeatures | null {
    return this.features;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.syncTimer?.cancel();
    await this.syncing;
    await this.server?.stop();
    this.server = null;
    this.db.close();
  }

  private connect(): void {
    const { endpoints } = this.settings;
    let keys: ReturnType<OdKeyStore["read"]> = null;
    try {
      keys = this.keys.read();
      this.keysProblem = null;
    } catch (error) {
      this.keysProblem = error instanceof Error ? error.message : String(error);
    }
    const key = keys && endpoints.length > 0 ? `${JSON.stringify(endpoints)}|${this.keys.version()}` : "";
    if (key === this.officeKey) return;
    this.officeKey = key;
    this.features = null;
    this.customerKey = keys?.customerKey ?? null;
    this.office =
      keys && endpoints.length > 0
        ? new Office({
            endpoints,
            keys,
            clock: this.options.clock,
            ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
            ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
          })
        : null;
    this.options.log.info(this.office ? "Open Dental connected" : "Open Dental not connected", {
      endpoints: endpoints.map((e) => e.mode).join(","),
    });
  }

  /** Runs the event endpoint where the settings say, when a source needs it. */
  private async listen(): Promise<void> {
    const s = this.settings;
    const wanted = wantedSubscriptions(this.workstations(), this.thisPc, s["events-host"], s["events-port"]);
    const needed =
      this.office !== null &&
      (s["patient-sources"].includes("ui-event") || s["patient-sources"].includes("program-link"));
    const hostname = needsNetwork(wanted) ? "0.0.0.0" : "127.0.0.1";
    const key = needed ? `${hostname}:${s["events-port"]}` : "";
    if (key === this.serverKey) return;
    await this.server?.stop();
    this.server = null;
    this.serverKey = key;
    this.feed = { ...this.feed, listening: null, listenProblem: null };
    if (!needed) return;
    try {
      this.server = startEventServer({
        hostname,
        port: s["events-port"],
        customerKey: () => this.customerKey,
        selected: (source, workstation, patNum) =>
          this.selections.record(source, workstation, patNum, this.options.clock.now()),
        patientExists: (patNum) => this.patientExists(patNum),
        log: this.options.log,
      });
      this.feed = { ...this.feed, listening: this.server.url };
    } catch (error) {
      this.serverKey = "";
      const problem = `port ${s["events-port"]} is in use (${error instanceof Error ? error.message : String(error)}); set opendental.events-port`;
      this.feed = { ...this.feed, listenProblem: problem };
      this.options.log.error("Open Dental event endpoint not started", { port: s["events-port"] });
    }
  }

  private async patientExists(patNum: number): Promise<boolean | "unknown"> {
    if (!this.office) return "unknown";
    try {
      await this.office.client.patients.get(patNum);
      return true;
    } catch (error) {
      return isOdError(error, OdErrorCode.NOT_FOUND) ? false : "unknown";
    }
  }

  private workstations(): string[] {
    return Object.values(this.settings.doctors).flatMap((d) => d.workstations);
  }

  private scheduleSync(ms: number): void {
    this.syncTimer?.cancel();
    if (this.stopped) return;
    this.syncTimer = this.options.clock.setTimeout(() => {
      // One sync at a time: two at once could both create a missing subscription.
      const tracked: Promise<void> = (this.syncing ?? Promise.resolve())
        .then(() => this.sync())
        .finally(() => {
          if (this.syncing === tracked) this.syncing = null;
        });
      this.syncing = tracked;
    }, ms);
  }

  /** Reads the office's features and makes its subscriptions match the mapped workstations. */
  private async sync(): Promise<void> {
    const office = this.office;
    if (!office || this.stopped) return;
    const s = this.settings;
    const wanted = s["patient-sources"].includes("ui-event")
      ? wantedSubscriptions(this.workstations(), this.thisPc, s["events-host"], s["events-port"])
      : [];
    try {
      this.features = await office.client.features();
      const time = await office.time();
      const result = await syncSubscriptions(
        office.client,
        wanted,
        this.thisPc,
        time.wallText(this.options.clock.now()),
      );
      this.feed = {
        ...this.feed,
        subscriptions: result.live,
        subscriptionProblem: null,
        syncedAt: this.options.clock.now(),
      };
      if (result.created || result.removed) this.options.log.info("PatientSelected subscriptions synced", result);
      this.scheduleSync(RESYNC_MS);
    } catch (error) {
      const what = isOdError(error)
        ? `${error.code} on ${error.request}`
        : error instanceof Error
          ? error.name
          : "error";
      this.feed = {
        ...this.feed,
        subscriptionProblem: `the PatientSelected subscriptions could not be set up (${what})`,
      };
      this.options.log.warn("PatientSelected subscriptions not synced", { error: what });
      this.scheduleSync(RETRY_MS);
    }
  }
}
