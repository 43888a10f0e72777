import { z } from "zod";
import { Timestamp } from "./ids.ts";
import { ReportEvent, ReportStatus } from "./producer-api.ts";

/** Body of `PUT /v1/webhook`: where to POST this token's report status changes. */
export const RegisterWebhookRequest = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine((u) => u.startsWith("https://") || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(u), {
      message: "must be https (plain http only for localhost)",
    }),
});
export type RegisterWebhookRequest = z.infer<typeof RegisterWebhookRequest>;

/** Answer to `PUT /v1/webhook`: the signing secret, shown once. */
export const RegisterWebhookResponse = z.object({ url: z.string(), secret: z.string() });
export type RegisterWebhookResponse = z.infer<typeof RegisterWebhookResponse>;

/**
 * What the hub POSTs to a webhook for every change in a report's timeline. Signed: header
 * `Sofia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`.
 */
export const WebhookEvent = z.object({
  id: z.string(),
  type: z.literal("report.status"),
  created_at: Timestamp,
  data: z.object({
    report_id: z.string(),
    doctor_id: z.string(),
    clinic_id: z.string(),
    status: ReportStatus,
    event: ReportEvent,
  }),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;
