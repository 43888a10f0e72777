import { z } from "zod";
import { ExternalId, Timestamp } from "./ids.ts";
import { MAX_REPORT_TEXT_CHARS } from "./limits.ts";
import { CalendarDate, Patient, ReportContent, ReportLanguage, reportTextLength } from "./report.ts";

/** Body of `POST /v1/reports`. */
export const PublishReportRequest = z
  .object({
    doctor_id: ExternalId,
    report: ReportContent,
    patient: Patient.optional(),
    /** The report's language (BCP 47); renderings use its titles and direction. Default `en`. */
    language: ReportLanguage.default("en"),
    /** The visit's date in the clinic's own calendar. Default: the date the hub received the report (UTC). */
    visit_date: CalendarDate.optional(),
    /**
     * When the visit began, if the producer knows (e.g. when Sofia started listening). The clinic
     * agent uses it to bind a report that names no patient to whoever was in the chair since then.
     */
    visit_started_at: Timestamp.optional(),
    /** A repeat with the same key (for the same producer token) returns the first report. */
    idempotency_key: z.string().min(1).max(200).optional(),
  })
  .superRefine((request, ctx) => {
    const length = reportTextLength(request.report);
    if (length > MAX_REPORT_TEXT_CHARS) {
      ctx.addIssue({
        code: "too_big",
        origin: "string",
        maximum: MAX_REPORT_TEXT_CHARS,
        inclusive: true,
        path: ["report"],
        message: `the sections hold ${length} characters together; the limit is ${MAX_REPORT_TEXT_CHARS}`,
      });
    }
  });
export type PublishReportRequest = z.infer<typeof PublishReportRequest>;

/**
 * Where a report is on its way to the clinic, furthest step first reached: `stored` (durable in
 * the hub), `sent` (written to a live socket), `acknowledged` (a v2 client acked it), then what the
 * client reported: `received`, `held` (waiting for a human), `failed`, `written` (in the clinic's
 * software). `expired`: retention ran out before any client acknowledged it.
 */
export const ReportStatus = z.enum([
  "stored",
  "sent",
  "acknowledged",
  "received",
  "held",
  "failed",
  "written",
  "expired",
]);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** Answer to `POST /v1/reports` (`202`, or `200` for an idempotent repeat). */
export const PublishReportResponse = z.object({
  id: z.string(),
  status: ReportStatus,
});
export type PublishReportResponse = z.infer<typeof PublishReportResponse>;

/** Kinds of entries in a report's timeline: every status, plus webhook attempts. */
export const ReportEventType = z.enum([...ReportStatus.options, "webhook_delivered", "webhook_failed"]);
export type ReportEventType = z.infer<typeof ReportEventType>;

/** Flat, scalar-only details of a timeline or audit entry: ids, counts and codes, never content. */
export const EventDetail = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type EventDetail = z.infer<typeof EventDetail>;

/** One entry of a report's delivery timeline. */
export const ReportEvent = z.object({
  at: Timestamp,
  type: ReportEventType,
  detail: EventDetail,
});
export type ReportEvent = z.infer<typeof ReportEvent>;

/**
 * Answer to `GET /v1/reports/:id[?after=N&limit=M]`: the report's metadata and one page of its
 * delivery timeline, no content. `next_after` is the `after` of the next page, `null` on the last
 * (absent from hubs that did not page).
 */
export const ReportTimeline = z.object({
  id: z.string(),
  doctor_id: z.string(),
  clinic_id: z.string(),
  status: ReportStatus,
  created_at: Timestamp,
  language: z.string(),
  visit_date: z.string(),
  events: z.array(ReportEvent),
  next_after: z.number().int().nonnegative().nullable().optional(),
});
export type ReportTimeline = z.infer<typeof ReportTimeline>;

/** Every HTTP error body: a machine code, a sentence, and per-field messages for `400`. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** Answer to `GET /hi`: how many live sockets of the doctor were told. */
export const HiResponse = z.object({ doctor_id: z.string(), sockets: z.number().int().nonnegative() });
export type HiResponse = z.infer<typeof HiResponse>;
