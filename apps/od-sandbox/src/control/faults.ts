import type { OfficeClock } from "../clock.ts";
import type { FaultRequest } from "./fault-request.ts";

/** What an injected fault answers instead of the real handler. */
export interface FaultAnswer {
  status: 400 | 500 | 502 | 503 | 504;
  message: string;
}

/** Open Dental answers requests that run past 60 s with 504 Gateway Time-out [S3]. */
export const GATEWAY_TIMEOUT_MS = 60_000;

type ArmedFault = FaultRequest & { remaining: number };

/**
 * Faults armed by `POST /_sandbox/fail`, consumed by matching `/api/v1` requests: a 5xx, a hang
 * that ends in 504 after 60 s of clock time, or the 400 an office too old for the method gives.
 */
export class FaultInjector {
  private armed: ArmedFault[] = [];
  private release = new AbortController();

  constructor(private readonly clock: OfficeClock) {}

  arm(fault: FaultRequest): void {
    this.armed.push({ ...fault, remaining: fault.count });
  }

  /** Disarms every fault and lets requests held by a timeout fault go on normally. */
  clear(): void {
    this.armed = [];
    this.release.abort();
    this.release = new AbortController();
  }

  list(): FaultRequest[] {
    return this.armed.map(({ remaining, ...fault }): FaultRequest => ({ ...fault, count: remaining }));
  }

  /** Consumes the first fault matching the request and says how to answer, or undefined to go on. */
  async take(method: string, path: string, signal: AbortSignal): Promise<FaultAnswer | undefined> {
    const resource = path.replace(/^\/api\/v1/, "");
    const fault = this.armed.find(
      (f) => (!f.method || f.method === method) && (!f.path || resource.startsWith(f.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed = this.armed.filter((f) => f !== fault);
    switch (fault.kind) {
      case "status":
        return { status: fault.status, message: `Injected fault: HTTP ${fault.status}.` };
      // Inferred wording: [S3] says only that an office too old for a method answers 400.
      case "version":
        return { status: 400, message: "The version of Open Dental at this office is too old for this method." };
      case "timeout":
        return this.hold(signal);
    }
  }

  private async hold(signal: AbortSignal): Promise<FaultAnswer | undefined> {
    const released = this.release.signal;
    const both = AbortSignal.any([signal, released]);
    await this.clock.after(GATEWAY_TIMEOUT_MS, both);
    if (released.aborted) return undefined;
    return { status: 504, message: "Gateway Time-out" };
  }
}
