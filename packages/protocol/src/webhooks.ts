import { z } from "zod";
import { Timestamp } from "./ids.ts";
import { ReportEvent, ReportStatus } from "./producer-api.ts";

/** A user name or password in the authority (`//user:pass@host`); `\\` counts as `/`, as URL parsers read it. */
const USERINFO = /^[a-z][a-z0-9+.-]*:[/\\]*[^/\\?#]*@/i;

/**
 * Body of `PUT /v1/webhook`: where to POST this token's report status changes. The URL may not
 * carry a user name or password (`http://localhost:80@evil.example/` names `evil.example`). The
 * hub then parses it as it will call it and checks the host it names: only public https
 * destinations are called (docs/security.md).
 */
export const RegisterWebhookRequest = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine((u) => !USERINFO.test(u), { message: "must not contain a user name or password" }),
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
