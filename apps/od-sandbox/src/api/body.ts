import type { Context } from "hono";
import type { z } from "zod";
import { odError } from "./errors.ts";

/** Open Dental's documented cap on PUT/POST bodies: 16.8M characters [S3]. */
export const MAX_BODY_CHARS = 16_800_000;

/**
 * Reads the JSON body and parses it with `schema`. On failure returns the 400 to send, whose text
 * is the first problem in Open Dental's plain style ("PatNum is required."). The schemas in
 * `fields.ts` write those sentences; this only picks the first.
 */
export async function readBody<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) {
    return { ok: false, response: odError(c, 400, "The request body exceeds 16.8M characters.") };
  }
  let raw: unknown;
  try {
    raw = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    return { ok: false, response: odError(c, 400, "The request body is not valid JSON.") };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, response: odError(c, 400, "The request body must be a JSON object.") };
  }
  // Fields newer than the office's version, which it ignores (see versionGuard).
  const ignored: ReadonlySet<string> = c.get("ignored") ?? new Set();
  const fields = Object.fromEntries(Object.entries(raw).filter(([name]) => !ignored.has(name)));
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") ?? "";
    const message = issue?.message ?? "Invalid body.";
    return {
      ok: false,
      response: odError(c, 400, field && !message.startsWith(field) ? `${field}: ${message}` : message),
    };
  }
  return { ok: true, value: parsed.data };
}
