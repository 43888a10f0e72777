import type { Clock } from "@sofia/runtime/clock";
import type { OperatorFigures, OperatorRates } from "./operator-figures.ts";

/** The window the rates are computed over. */
const WINDOW_MS = 5 * 60_000;
/** Samples kept per clinic and kind, so a burst cannot grow memory without bound. */
const MAX_SAMPLES = 20_000;

interface Samples {
  /** Notification deliveries: when, and publish-to-delivery latency in ms. */
  notifications: { at: number; ms: number }[];
  /** Every delivery (reports and notifications), when. */
  messages: number[];
  /** Connections that resumed a cursor they had (reconnections), when. */
  resumes: number[];
}

/**
 * Per-clinic live rates for the operator's view, over the last 5 minutes, fed by the delivery
 * pump next to the Prometheus metrics (which are hub-wide: an admin sees only their own clinic).
 * In memory, per hub node.
 */
export class ClinicRates implements OperatorFigures {
  private readonly clinics = new Map<string, Samples>();

  constructor(private readonly clock: Pick<Clock, "now">) {}

  /** A delivery reached a client; `notificationMs` is its latency when it went to a care-team user. */
  delivered(clinicId: string, notificationMs: number | null): void {
    const now = this.clock.now();
    const samples = this.of(clinicId);
    push(samples.messages, now);
    if (notificationMs !== null) push(samples.notifications, { at: now, ms: Math.max(0, notificationMs) });
  }

  resumed(clinicId: string): void {
    push(this.of(clinicId).resumes, this.clock.now());
  }

  async figures(clinicId: string): Promise<OperatorRates> {
    const since = this.clock.now() - WINDOW_MS;
    const samples = this.clinics.get(clinicId);
    const latencies = (samples?.notifications ?? [])
      .filter((s) => s.at >= since)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const perMinute = (times: number[] | undefined) =>
      Math.round(((times ?? []).filter((t) => t >= since).length / (WINDOW_MS / 60_000)) * 10) / 10;
    return {
      latencyP50Ms: percentile(latencies, 0.5),
      latencyP99Ms: percentile(latencies, 0.99),
      reconnectionsPerMinute: perMinute(samples?.resumes),
      messagesPerMinute: perMinute(samples?.messages),
    };
  }

  private of(clinicId: string): Samples {
    let samples = this.clinics.get(clinicId);
    if (!samples) {
      samples = { notifications: [], messages: [], resumes: [] };
      this.clinics.set(clinicId, samples);
    }
    return samples;
  }
}

function push<T>(list: T[], value: T): void {
  list.push(value);
  if (list.length > MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES);
}

/** The `q` quantile of sorted values (nearest rank), `null` without samples. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[rank] ?? 0);
}
