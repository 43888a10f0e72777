/** The hub's Prometheus metrics: see docs/operations.md for the list. */
export { HubMetrics } from "./hub-metrics.ts";
export * from "./labels.ts";
export type { ReportCounts } from "./report-gauges.ts";
