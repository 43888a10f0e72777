/**
 * @sofia/opendental: a typed client for Open Dental's REST API — the Local API, the API Service
 * and the Remote API in a configurable cascade, Remote API throttling, paging, one-at-a-time
 * writes, errors classified by what to do, and version-gated features detected from the office.
 * No Bun-only code: it runs in the agent's compiled executable, in Node and in tests.
 */
export * from "./client.ts";
export type { Clock, TimerHandle } from "./clock.ts";
export { systemClock } from "./clock.ts";
export type { ConnectionStatus, EndpointStatus } from "./endpoint-set.ts";
export * from "./endpoints.ts";
export * from "./errors.ts";
export * from "./events.ts";
export type { OfficeFeatures, Support } from "./features.ts";
export type { BodyLimits } from "./json.ts";
export { DEFAULT_BODY_LIMITS } from "./json.ts";
export * from "./resources/appointments.ts";
export * from "./resources/patients.ts";
export * from "./resources/procedures.ts";
export * from "./resources/procnotes.ts";
export * from "./resources/records.ts";
export * from "./resources/setup.ts";
export * from "./resources/subscriptions.ts";
export * from "./schemas/appointment.ts";
export * from "./schemas/patient.ts";
export * from "./schemas/procedure.ts";
export * from "./schemas/records.ts";
export * from "./schemas/setup.ts";
export * from "./version.ts";
