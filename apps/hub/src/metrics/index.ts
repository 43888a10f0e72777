/** The hub's Prometheus metrics: see docs/operations.md for the list. */
export { agentPresence, type ClinicAgents } from "./agent-presence.ts";
export { HubMetrics } from "./hub-metrics.ts";
export * from "./labels.ts";
export { renderMetricsTable } from "./markdown.ts";
export type { ReportCounts } from "./report-gauges.ts";
