import { z } from "zod";
import { invalidArgument } from "./context.ts";

/*
 * What callers pass, checked before anything is sent: a bad argument is the caller's mistake and
 * is refused as `bad_request` without reaching the office.
 */

/** A primary key (PatNum, ProcNum, …). */
export const ArgKey = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A `yyyy-MM-dd` date. */
export const ArgDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected yyyy-MM-dd");
/** An office-local `yyyy-MM-dd HH:mm:ss`. */
export const ArgDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "expected yyyy-MM-dd HH:mm:ss");
/** Text of at most `max` characters. */
export const argText = (max: number) => z.string().max(max);

/** Parses `value` with `schema`, or throws `bad_request` naming the fields (never their values). */
export function checkArgs<S extends z.ZodType>(schema: S, value: unknown, request: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "argument"}: ${i.message}`);
  throw invalidArgument(request, `Invalid arguments: ${fields.slice(0, 3).join("; ")}`);
}
