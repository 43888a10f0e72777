import {
  type Clock,
  type ConfirmationSetup,
  type EndpointConfig,
  type OdProcedureCode,
  OpenDentalClient,
  OpenDentalError,
} from "@sofia/opendental";
import type { OdKeys } from "./keys.ts";
import { OfficeTime } from "./office-time.ts";

/** How long the office's setup (its note code, its confirmation statuses) is trusted before it is read again. */
const SETUP_TTL_MS = 3_600_000;

/** The last thing that went wrong talking to the office, for the status page. No patient data. */
export interface OfficeProblem {
  code: string;
  action: string;
  request: string;
  at: number;
}

/** How to reach the office. */
export interface OfficeOptions {
  endpoints: readonly EndpointConfig[];
  keys: OdKeys;
  clock: Clock;
  fetch?: typeof fetch;
  /** Client deadline per attempt (tests shorten it). */
  timeoutMs?: number;
}

/**
 * One office, as the writer sees it: the API client (its cascade, throttle and version gates) and
 * the setup it keeps reading — the note's procedure code and the office's confirmation statuses —
 * cached for an hour. The office's clock is read afresh for every report.
 */
export class Office {
  readonly client: OpenDentalClient;
  private readonly codes = new Map<string, { value: OdProcedureCode | null; at: number }>();
  private confirmation: { value: ConfirmationSetup; at: number } | null = null;
  private problem: OfficeProblem | null = null;

  constructor(private readonly options: OfficeOptions) {
    this.client = new OpenDentalClient({
      developerKey: options.keys.developerKey,
      customerKey: options.keys.customerKey,
      endpoints: options.endpoints,
      clock: options.clock,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  /** The office's clock now, as an offset from this PC's (Providers GET's serverDateTime). */
  async time(): Promise<OfficeTime> {
    const text = await this.track(this.client.setup.serverTime());
    const time = text === null ? null : OfficeTime.fromServer(text, this.options.clock.now());
    if (!time) {
      throw new OpenDentalError({
        code: "invalid_response",
        request: "GET /providers",
        explanation: "no serverDateTime",
      });
    }
    return time;
  }

  /** The procedure code (`Zclin`) as the office defines it, or null when the office has none. */
  async noteCode(code: string): Promise<OdProcedureCode | null> {
    const cached = this.codes.get(code);
    if (cached && this.fresh(cached.at)) return cached.value;
    const value = await this.track(this.client.setup.procedureCode(code));
    this.codes.set(code, { value, at: this.options.clock.now() });
    return value;
  }

  /** The office's appointment confirmation statuses and its arrived/seated/dismissed triggers. */
  async confirmationSetup(): Promise<ConfirmationSetup> {
    if (this.confirmation && this.fresh(this.confirmation.at)) return this.confirmation.value;
    const value = await this.track(this.client.setup.confirmationSetup());
    this.confirmation = { value, at: this.options.clock.now() };
    return value;
  }

  /** Runs an Open Dental call, remembering its failure (or clearing the last one) for the status page. */
  async track<T>(call: Promise<T>): Promise<T> {
    try {
      const result = await call;
      this.problem = null;
      return result;
    } catch (error) {
      if (error instanceof OpenDentalError) {
        this.problem = { code: error.code, action: error.action, request: error.request, at: this.options.clock.now() };
      }
      throw error;
    }
  }

  /** The last failure since the last success, or null. */
  lastProblem(): OfficeProblem | null {
    return this.problem;
  }

  private fresh(at: number): boolean {
    return this.options.clock.now() - at < SETUP_TTL_MS;
  }
}
