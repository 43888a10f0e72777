import type { Context } from "hono";
import type { z } from "zod";
import { ApiErrorCode, apiError, fieldErrors } from "./errors.ts";

/**
 * Reads a JSON body and validates it against `schema`. Returns the parsed value, or the `4xx`
 * response to send: `415` when it is not JSON, `400` with one message per field when invalid.
 * The body size is capped earlier by the body-limit middleware (`413`). A value over its size
 * limit under one of `tooLargeUnder` (e.g. a report's text) is `413 report_too_large` instead
 * of `400`: the body is well formed, just too much.
 */
export async function readJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  options: { tooLargeUnder?: string[] } = {},
): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      response: apiError(
        c,
        415,
        ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "send the body as Content-Type: application/json",
      ),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, ApiErrorCode.INVALID_JSON, "the body is not valid JSON") };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const tooLarge = parsed.error.issues.some(
      (issue) => issue.code === "too_big" && options.tooLargeUnder?.includes(String(issue.path[0])),
    );
    if (tooLarge) {
      const fields = fieldErrors(parsed.error);
      return {
        ok: false,
        response: apiError(c, 413, ApiErrorCode.REPORT_TOO_LARGE, "the report's text is over its size limit", fields),
      };
    }
    return {
      ok: false,
      response: apiError(c, 400, ApiErrorCode.INVALID_BODY, "the body has invalid fields", fieldErrors(parsed.error)),
    };
  }
  return { ok: true, value: parsed.data };
}
