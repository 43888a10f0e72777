import { type Clock, systemClock } from "./clock.ts";
import type { ApiContext } from "./context.ts";
import { type ConnectionStatus, EndpointSet } from "./endpoint-set.ts";
import { type EndpointConfig, resolveEndpoints } from "./endpoints.ts";
import { OdErrorCode, OpenDentalError } from "./errors.ts";
import { FeatureTracker, type OfficeFeatures } from "./features.ts";
import { type BodyLimits, DEFAULT_BODY_LIMITS } from "./json.ts";
import { Pacer } from "./pacer.ts";
import { AppointmentsApi } from "./resources/appointments.ts";
import { PatientsApi } from "./resources/patients.ts";
import { ProceduresApi } from "./resources/procedures.ts";
import { ProcNotesApi } from "./resources/procnotes.ts";
import { CommlogsApi, DocumentsApi } from "./resources/records.ts";
import { SetupApi } from "./resources/setup.ts";
import { SubscriptionsApi } from "./resources/subscriptions.ts";
import { Transport } from "./transport.ts";
import { WriteGate } from "./write-gate.ts";

/** How to reach one office. */
export interface OpenDentalClientOptions {
  /** The developer's key (Developer Portal). */
  developerKey: string;
  /** The office's customer key, entered in Setup > Advanced Setup > API. */
  customerKey: string;
  /** The ways to reach the office, preferred first: e.g. the API Service, then the Remote API. */
  endpoints: readonly EndpointConfig[];
  /**
   * The key's permission tier, which sets the Remote API's throttle: `write` (any permission
   * beyond ApiReadAll: 1 request/s, the default) or `read` (ApiReadAll only: 1 request/5 s).
   */
  permissions?: "write" | "read";
  fetch?: typeof fetch;
  clock?: Clock;
  /** Deadline of one attempt. Default 65 s: Open Dental answers 504 itself after 60 s. */
  timeoutMs?: number;
  /** How long an endpoint that could not be reached is skipped. Default 30 s. */
  endpointRetryMs?: number;
  /** How long the office's version is trusted before it is read again. Default 1 h. */
  versionTtlMs?: number;
  /** Size and nesting limits on answers. */
  limits?: BodyLimits;
  /** The most rows a list is paged through. Default 100,000. */
  maxRows?: number;
  /** Called when the endpoint in use changes or one goes up or down. */
  onStatusChange?: (status: ConnectionStatus) => void;
}

/** Extra spacing on the Remote API beyond the documented interval, for the two clocks' drift. */
const PACING_MARGIN_MS = 50;

/**
 * The typed client for one office's Open Dental API. Resources hang off it (`patients`, `setup`,
 * `appointments`, `procedures`, `procNotes`, `commlogs`, `documents`, `subscriptions`); every
 * answer is parsed with a schema of what Open Dental sends, and every failure is an
 * {@link OpenDentalError} that says what to do: retry, fix the setup, or give up on the report.
 */
export class OpenDentalClient {
  readonly patients: PatientsApi;
  readonly setup: SetupApi;
  readonly appointments: AppointmentsApi;
  readonly procedures: ProceduresApi;
  readonly procNotes: ProcNotesApi;
  readonly commlogs: CommlogsApi;
  readonly documents: DocumentsApi;
  readonly subscriptions: SubscriptionsApi;

  private readonly endpointSet: EndpointSet;
  private readonly pacer: Pacer;
  private readonly writes = new WriteGate();
  private readonly tracker: FeatureTracker;
  private reading: Promise<void> | null = null;

  constructor(options: OpenDentalClientOptions) {
    const key = /^[A-Za-z0-9]{1,128}$/;
    if (!key.test(options.developerKey) || !key.test(options.customerKey)) {
      throw new Error("Open Dental keys are letters and digits");
    }
    const clock = options.clock ?? systemClock;
    this.endpointSet = new EndpointSet(
      resolveEndpoints(options.endpoints),
      clock,
      options.endpointRetryMs ?? 30_000,
      options.onStatusChange,
    );
    this.pacer = new Pacer(clock, (options.permissions === "read" ? 5000 : 1000) + PACING_MARGIN_MS);
    this.tracker = new FeatureTracker(clock, options.versionTtlMs ?? 3_600_000);
    const transport = new Transport({
      authorization: `ODFHIR ${options.developerKey}/${options.customerKey}`,
      fetch: options.fetch ?? fetch,
      clock,
      endpoints: this.endpointSet,
      pacer: this.pacer,
      writes: this.writes,
      timeoutMs: options.timeoutMs ?? 65_000,
      limits: options.limits ?? DEFAULT_BODY_LIMITS,
    });
    const ctx: ApiContext = {
      send: (spec) => transport.send(spec),
      features: this.tracker,
      refreshFeatures: () => (this.tracker.stale ? this.readVersion() : Promise.resolve()),
      maxRows: options.maxRows ?? 100_000,
    };
    this.patients = new PatientsApi(ctx);
    this.setup = new SetupApi(ctx);
    this.appointments = new AppointmentsApi(ctx);
    this.procedures = new ProceduresApi(ctx);
    this.procNotes = new ProcNotesApi(ctx);
    this.commlogs = new CommlogsApi(ctx);
    this.documents = new DocumentsApi(ctx);
    this.subscriptions = new SubscriptionsApi(ctx);
  }

  /** Which endpoint is in use and what is known of each; plus the queues. */
  status(): ConnectionStatus & { remoteQueue: number; writesQueued: number } {
    return { ...this.endpointSet.status(), remoteQueue: this.pacer.waiting, writesQueued: this.writes.size };
  }

  /** The office's version and gated features; `refresh` reads the version now. */
  async features(options: { refresh?: boolean } = {}): Promise<OfficeFeatures> {
    if (options.refresh || this.tracker.stale) await this.readVersion();
    return this.tracker.snapshot();
  }

  /** Reads the ProgramVersion preference once, however many callers are waiting for it. */
  private readVersion(): Promise<void> {
    this.reading ??= this.setup
      .preference("ProgramVersion")
      .then((pref) => this.tracker.setVersion(pref?.ValueString ?? null))
      .catch((error: unknown) => {
        // An office that refuses to say is an office of unknown version; any other failure is the caller's.
        if (error instanceof OpenDentalError && error.code === OdErrorCode.NOT_FOUND) this.tracker.setVersion(null);
        else throw error;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }
}
