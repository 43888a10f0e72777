import { z } from "zod";

const MAX_LINK_CHARS = 2000;

// Whitespace, controls and backslashes anywhere could smuggle a scheme or a host past a browser's
// URL parser (`/\evil.example` is read as `//evil.example`), so neither form may contain them.
const PLAIN = /^[^\p{Cc}\s\\]+$/u;

/** A path of the web app itself: one leading `/`, never `//` (a protocol-relative URL to another host). */
const AppPath = z
  .string()
  .max(MAX_LINK_CHARS)
  .regex(PLAIN, "must not contain spaces, control characters or backslashes")
  .regex(/^\/(?!\/)/, "must start with a single /");

/** An `https://` URL with a host and no user name or password in it. */
const HttpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.hostname })
  .max(MAX_LINK_CHARS)
  .regex(PLAIN, "must not contain spaces, control characters or backslashes")
  .regex(/^https:\/\/[^/?#@]+(?:[/?#]|$)/, "must not carry a user name or password");

/**
 * Where a notification leads when clicked: an `https://` URL, or a path of the web app itself
 * (`/prescriptions/81`). Anything else is refused, because the web app puts it in an `href`:
 * `javascript:` and `data:` URLs run code, and `http:` can be read or changed on the way.
 */
export const NotificationLink = z.union([AppPath, HttpsUrl]);
export type NotificationLink = z.infer<typeof NotificationLink>;
