import { exceedsJsonDepth, MAX_JSON_DEPTH } from "@sofia/protocol";
import type { Context } from "hono";
import type { z } from "zod";
import { readBoundedText } from "./bounded-text.ts";
import { ApiErrorCode, apiError, fieldErrors } from "./errors.ts";

/** How much of a body a route reads, and how deep its JSON may nest. */
export interface BodyLimits {
  /** The route's own limit, below the API-wide one (`413 body_too_large` beyond it). */
  maxBytes: number;
  /** Default {@link MAX_JSON_DEPTH}. */
  maxDepth?: number;
  /**
   * Top-level fields whose size limit, when exceeded, makes the answer `413 report_too_large`
   * instead of `400`: the body is well formed, just too much (e.g. a report's text).
   */
  tooLargeUnder?: string[];
}

type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads a JSON body within the route's limits and validates it against `schema`. The cheap
 * refusals come first, before anything is parsed: `415` when it is not JSON, `413` as soon as it
 * passes `maxBytes` (the rest is not read), `400 json_too_deep` when it nests deeper than
 * `maxDepth` (one scan of the text). Then `400` with one message per field when invalid.
 */
export async function readJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  limits: BodyLimits,
): Promise<BodyResult<z.infer<T>>> {
  const refuse = (status: 400 | 413 | 415, code: ApiErrorCode, message: string, fields?: Record<string, string[]>) => ({
    ok: false as const,
    response: apiError(c, status, code, message, fields),
  });
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return refuse(415, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as Content-Type: application/json");
  }
  const body = await readBoundedText(c.req.raw, limits.maxBytes);
  if (!body.ok) {
    return body.reason === "too_large"
      ? refuse(413, ApiErrorCode.BODY_TOO_LARGE, `the body is larger than ${limits.maxBytes} bytes`)
      : refuse(400, ApiErrorCode.INVALID_JSON, "the body could not be read");
  }
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  if (exceedsJsonDepth(body.text, maxDepth)) {
    return refuse(400, ApiErrorCode.JSON_TOO_DEEP, `the body nests objects and arrays deeper than ${maxDepth}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body.text);
  } catch {
    return refuse(400, ApiErrorCode.INVALID_JSON, "the body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = fieldErrors(parsed.error);
  const tooLarge = parsed.error.issues.some(
    (issue) => issue.code === "too_big" && limits.tooLargeUnder?.includes(String(issue.path[0])),
  );
  if (tooLarge) return refuse(413, ApiErrorCode.REPORT_TOO_LARGE, "the report's text is over its size limit", fields);
  return refuse(400, ApiErrorCode.INVALID_BODY, "the body has invalid fields", fields);
}
