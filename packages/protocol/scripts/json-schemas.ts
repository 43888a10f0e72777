import { z } from "zod";
import {
  ApiError,
  AuthMessage,
  EnrollRequest,
  EnrollResponse,
  ErrorMessage,
  HiMessage,
  NotificationEvent,
  PublishNotificationRequest,
  PublishReportRequest,
  PublishReportResponse,
  RegisterWebhookRequest,
  ReportReadyMessage,
  ReportTimeline,
  V1ServerMessage,
  V2ClientMessage,
  V2ServerMessage,
  WebhookEvent,
} from "../src/index.ts";

/** The schemas published for integrators, by output file name. */
const PUBLISHED = {
  "v1-auth.schema.json": AuthMessage,
  "v1-report-ready.schema.json": ReportReadyMessage,
  "v1-error.schema.json": ErrorMessage,
  "v1-hi.schema.json": HiMessage,
  "v1-server-message.schema.json": V1ServerMessage,
  "publish-report-request.schema.json": PublishReportRequest,
  "publish-report-response.schema.json": PublishReportResponse,
  "report-timeline.schema.json": ReportTimeline,
  "api-error.schema.json": ApiError,
  "v2-client-message.schema.json": V2ClientMessage,
  "v2-server-message.schema.json": V2ServerMessage,
  "enroll-request.schema.json": EnrollRequest,
  "enroll-response.schema.json": EnrollResponse,
  "register-webhook-request.schema.json": RegisterWebhookRequest,
  "webhook-event.schema.json": WebhookEvent,
  "notification-event.schema.json": NotificationEvent,
  "publish-notification-request.schema.json": PublishNotificationRequest,
} as const;

/** Renders every published schema to its JSON text, keyed by file name. */
export function renderJsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, schema] of Object.entries(PUBLISHED)) {
    // "input" describes what a sender may write (optional fields stay optional after defaults).
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    out.set(file, `${JSON.stringify({ $id: file, ...json }, null, 2)}\n`);
  }
  return out;
}
