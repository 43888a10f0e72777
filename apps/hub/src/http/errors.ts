import type { ApiError } from "@sofia/protocol";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

/** Machine-readable error codes of the HTTP API, one per kind of mistake. */
export const ApiErrorCode = {
  INVALID_BODY: "invalid_body",
  INVALID_JSON: "invalid_json",
  /** A query parameter is malformed or out of range. */
  INVALID_QUERY: "invalid_query",
  /** The body nests objects and arrays deeper than the API reads. */
  JSON_TOO_DEEP: "json_too_deep",
  UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
  BODY_TOO_LARGE: "body_too_large",
  REPORT_TOO_LARGE: "report_too_large",
  RENDER_BUDGET_EXCEEDED: "render_budget_exceeded",
  /** Too many renderings are waiting: retry after `Retry-After`. */
  RENDER_BUSY: "render_busy",
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  UPGRADE_REQUIRED: "upgrade_required",
  IDEMPOTENCY_CONFLICT: "idempotency_conflict",
  INVALID_ENROLLMENT_CODE: "invalid_enrollment_code",
  /** Too many refused attempts from this address (or at this credential): retry after `Retry-After`. */
  RATE_LIMITED: "rate_limited",
  /** The store is busy (another process holds its lock) or failing: retry after `Retry-After`. */
  STORE_UNAVAILABLE: "store_unavailable",
  INTERNAL: "internal_error",
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** Sends the standard error body. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  fields?: Record<string, string[]>,
): Response {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
  return c.json(body, status);
}

/** One list of messages per field path (`report.history`, `patient.birthdate`), from a zod error. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(body)";
    fields[path] = [...(fields[path] ?? []), issue.message];
  }
  return fields;
}

/**
 * `429` + `Retry-After` (whole seconds, rounded up): too many refused attempts. A plain Response,
 * so the WebSocket upgrade path (outside Hono) answers in the same shape.
 */
export function tooManyAttempts(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const body: ApiError = {
    error: { code: ApiErrorCode.RATE_LIMITED, message: `too many failed attempts; retry in ${seconds} s` },
  };
  return Response.json(body, { status: 429, headers: { "Retry-After": String(seconds) } });
}
