/**
 * @sofia/protocol: the schemas, inferred types and named codes of every Sofia Bridge wire message.
 * No I/O and no runtime other than zod, so the hub, the agent and browsers share it.
 */

export * from "./agents.ts";
export * from "./ids.ts";
export * from "./limits.ts";
export * from "./notifications/catalog.ts";
export * from "./notifications/events.ts";
export * from "./notifications/foreign-id.ts";
export * from "./notifications/limits.ts";
export * from "./notifications/link.ts";
export * from "./notifications/publish-request.ts";
export * from "./notifications/roles.ts";
export * from "./notifications/target.ts";
export * from "./producer-api.ts";
export * from "./report.ts";
export * from "./report-layout.ts";
export * from "./v1/client-frame.ts";
export * from "./v1/close-codes.ts";
export * from "./v1/messages.ts";
export * from "./v2/capabilities.ts";
export * from "./v2/close-codes.ts";
export * from "./v2/constants.ts";
export * from "./v2/messages.ts";
export * from "./v2/server-frame.ts";
export * from "./v2/users.ts";
export * from "./webhooks.ts";
