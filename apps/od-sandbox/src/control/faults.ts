import { after, type OfficeClock } from "../clock.ts";
import type { FaultRequest } from "./fault-request.ts";

/** Open Dental answers requests that run past 60 s with 504 Gateway Time-out [S3]. */
export const GATEWAY_TIMEOUT_MS = 60_000;

type ArmedFault = FaultRequest & { remaining: number };

/** When an armed fault strikes: before the handler runs (nothing happens) or after it (the work is done). */
export type FaultPhase = "before" | "after";

/**
 * Faults armed by `POST /_sandbox/fail`, consumed by matching `/api/v1` requests:
 * - `status`: a 5xx;
 * - `timeout`: the request is held until 60 s of clock time pass, then 504 [S3];
 * - `reset`: the connection drops before an answer (the client's fetch fails);
 * - `version`: the 400 of an office too old for the method [S3];
 * - `econnector`: the 400 the Remote API gives when the office's eConnector is not running [S3].
 * `status`, `timeout` and `reset` may strike `afterWrite`, once the handler has done its work.
 * Inferred: the wording of the 400s.
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

  /** Consumes the first fault matching the request, if any, and says when it strikes. */
  take(method: string, path: string): { fault: FaultRequest; phase: FaultPhase } | undefined {
    const resource = path.replace(/^\/api\/v1/, "");
    const fault = this.armed.find(
      (f) => (!f.method || f.method === method) && (!f.path || resource.startsWith(f.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed = this.armed.filter((f) => f !== fault);
    return { fault, phase: "afterWrite" in fault && fault.afterWrite ? "after" : "before" };
  }

  /**
   * The response a fault gives instead of the real one, or undefined when a held request was
   * released by `clear()` and should be answered normally.
   */
  async answer(fault: FaultRequest, signal: AbortSignal): Promise<Response | undefined> {
    switch (fault.kind) {
      case "status":
        return json(`Injected fault: HTTP ${fault.status}.`, fault.status);
      case "version":
        return json("The version of Open Dental at this office is not high enough for this method.", 400);
      case "econnector":
        return json("The eConnector at this office is not running or could not be reached.", 400);
      case "reset":
        // The body fails before a byte is sent and Bun drops the connection (the client sees
        // ECONNRESET). Bun prints the stream's error, so it says plainly that it was injected.
        return new Response(new ReadableStream({ start: (controller) => controller.error(new InjectedReset()) }), {
          status: 200,
          headers: { "Content-Type": "application/json" },
        });
      case "timeout": {
        const released = this.release.signal;
        await after(this.clock, GATEWAY_TIMEOUT_MS, AbortSignal.any([signal, released]));
        return released.aborted ? undefined : json("Gateway Time-out", 504);
      }
    }
  }
}

function json(message: string, status: number): Response {
  return new Response(JSON.stringify(message), { status, headers: { "Content-Type": "application/json" } });
}

/** The error a `reset` fault's answer fails with; Bun prints it, so its message says what it is. */
class InjectedReset extends Error {
  override name = "InjectedFault";
  constructor() {
    super("od-sandbox dropped this connection on purpose (a `reset` fault armed by a test)");
  }
}
