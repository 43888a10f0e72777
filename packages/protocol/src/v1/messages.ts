import { z } from "zod";
import { Timestamp } from "../ids.ts";
import { MAX_CREDENTIAL_CHARS } from "../limits.ts";
import { CalendarDate, Patient, ReportContent } from "../report.ts";

/** The text frame a v1 client sends to keep the connection alive (spec: "ideally every 30 seconds"). */
export const PING = "ping";
/** The text frame the hub answers a {@link PING} with. */
export const PONG = "pong";

/** The first message a v1 client sends: `{"doctor_key": "..."}`. Unknown extra fields are ignored. */
export const AuthMessage = z.object({
  doctor_key: z.string().min(1).max(MAX_CREDENTIAL_CHARS),
});
export type AuthMessage = z.infer<typeof AuthMessage>;

/** Extension: a JSON ping (`{"type":"ping"}`) for clients that only send JSON; answered with `{"type":"pong"}`. */
export const JsonPing = z.object({ type: z.literal("ping") });

/**
 * A report ready for the doctor: every field of the spec plus two documented extensions,
 * `report_id` (stable, for de-duplication) and `patient` (for matching; `null` when unknown).
 * Protocol v2 carries the same object as the `data` of a `report_ready` delivery.
 */
export const ReportReadyData = z.object({
  report_id: z.string().min(1),
  url: z.string(),
  html_content: z.string(),
  rtf_report: z.string(),
  plaintext_report: z.string(),
  json_report: ReportContent,
  patient: Patient.nullable(),
  /** Extension: the visit's date (`YYYY-MM-DD`); absent from hubs older than it. */
  visit_date: CalendarDate.optional(),
  /** Extension: when the visit began, if the producer said; `null` when it did not. */
  visit_started_at: Timestamp.nullable().optional(),
});
export type ReportReadyData = z.infer<typeof ReportReadyData>;

/** The v1 `report_ready` message: {@link ReportReadyData} with `type`. */
export const ReportReadyMessage = ReportReadyData.extend({ type: z.literal("report_ready") });
export type ReportReadyMessage = z.infer<typeof ReportReadyMessage>;

/** An error; `code` is the close code that follows, or 4000 when the connection stays open. */
export const ErrorMessage = z.object({
  type: z.literal("error"),
  message: z.string(),
  code: z.number().int(),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;

/** The founders' "hi" route: every live socket of a doctor receives this when `GET /hi` is called. */
export const HiMessage = z.object({ type: z.literal("hi"), message: z.string() });
export type HiMessage = z.infer<typeof HiMessage>;

/** Extension: the answer to a {@link JsonPing}. */
export const JsonPong = z.object({ type: z.literal("pong") });

/** Every JSON message the hub sends on `/reports/ws`, discriminated on `type`. */
export const V1ServerMessage = z.discriminatedUnion("type", [ReportReadyMessage, ErrorMessage, HiMessage, JsonPong]);
export type V1ServerMessage = z.infer<typeof V1ServerMessage>;
