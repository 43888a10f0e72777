/**
 * The live rates of the operator's view that come from the hub's metrics, for one clinic or the
 * whole hub: notification latency (publish to a user's socket), reconnections and messages per
 * minute. `null` when nothing measures them (the view says "not measured").
 */
export interface OperatorFigures {
  figures(clinicId: string): Promise<OperatorRates | null>;
}

/** What {@link OperatorFigures} gives; each value is `null` when there is no sample yet. */
export interface OperatorRates {
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  reconnectionsPerMinute: number | null;
  messagesPerMinute: number | null;
}
