import { z } from "zod";
import { csrfToken } from "../csrf.ts";
import { sameSecret } from "../secret.ts";

/** Largest form body a review POST may send (a discard reason is the longest field). */
const MAX_FORM_BYTES = 8 * 1024;
const REVIEWER_COOKIE = "sofia_reviewer";

/** A person's name as typed at first use: printable, one line, 1–80 characters. */
export const ReviewerName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}\p{Cf}<>]+$/u, "a name is printable text");

/**
 * The form of a POST, parsed through `schema`, or null when it is too large, not a form, from
 * another origin, or without the right CSRF token.
 */
export async function readForm<T extends z.ZodType>(
  request: Request,
  schema: T,
  secret: string,
  origin: string,
): Promise<z.infer<T> | null> {
  // Browsers say where a form came from: Sec-Fetch-Site, and Origin — "null" under this page's
  // no-referrer policy, so "null" cannot be refused; the token and the same-site cookie still hold.
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return null;
  const sentOrigin = request.headers.get("origin");
  if (sentOrigin !== null && sentOrigin !== origin && sentOrigin !== "null") return null;
  if (!(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return null;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_FORM_BYTES) return null;
  const body = await request.text();
  if (body.length > MAX_FORM_BYTES) return null;
  const fields = Object.fromEntries(new URLSearchParams(body));
  const token = typeof fields.csrf === "string" ? fields.csrf : "";
  if (!sameSecret(token, csrfToken(secret, "review"))) return null;
  delete fields.csrf;
  const parsed = schema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}

/** The name this browser's person typed, from its cookie, or null. */
export function reviewerOf(request: Request): string | null {
  const raw = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${REVIEWER_COOKIE}=`))
    ?.slice(REVIEWER_COOKIE.length + 1);
  if (!raw || raw.length > 400) return null;
  const parsed = ReviewerName.safeParse(Buffer.from(raw, "base64url").toString("utf8"));
  return parsed.success ? parsed.data : null;
}

/** The cookie that remembers the person's name in this browser (a year; HttpOnly, same-site). */
export function reviewerCookie(name: string): string {
  const value = Buffer.from(name, "utf8").toString("base64url");
  return `${REVIEWER_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000`;
}
