import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Sends an error the way Open Dental does: the status and a plain explanation ("PatNum is
 * required", "Patient not found") [S3]. Inferred: the body is that sentence as a JSON string —
 * Open Dental documents the text, not the envelope.
 */
export function odError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json(message, status);
}

/** Statuses the sandbox answers with, named for what a client should do about them. */
export const OdStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  /** Inferred: no status for throttling is documented; the sandbox rejects with 429. */
  TOO_MANY_REQUESTS: 429,
  GATEWAY_TIMEOUT: 504,
} as const;
