/**
 * Limits every Sofia Bridge component agrees on. The hub enforces them at its trust edges; clients
 * may use them to reject bad input before sending it. docs/protocol-v1.md repeats them for
 * integrators, so change both together.
 */

/** The v1 auth message must arrive within this many milliseconds of the socket opening. */
export const AUTH_TIMEOUT_MS = 10_000;

/**
 * Largest frame a client may send on `/reports/ws`. v1 clients only send the auth message and
 * `ping`, so 64 KiB is generous; a larger frame closes the socket with 1009.
 */
export const MAX_V1_INBOUND_FRAME_BYTES = 64 * 1024;

/** Largest HTTP request body the producer API reads; a larger one gets `413`. */
export const MAX_HTTP_BODY_BYTES = 1024 * 1024;

/**
 * Largest body of `POST /v1/agents/enroll`, which anyone may send (the code is the credential).
 * The largest valid request, every character written as a 6-byte `\uXXXX` escape, fits.
 */
export const MAX_ENROLL_REQUEST_BYTES = 8 * 1024;

/** Largest body of `PUT /v1/webhook` (a URL of up to 2,000 characters, escaped, fits). */
export const MAX_WEBHOOK_REQUEST_BYTES = 16 * 1024;

/**
 * Deepest nesting of objects and arrays accepted in a request body or a socket frame, checked on
 * the raw text before it is parsed: valid messages nest at most 3 deep, and parsing a megabyte of
 * `[[[[` costs the hub over 100 ms of CPU for nothing.
 */
export const MAX_JSON_DEPTH = 8;

/**
 * Longest accepted text of a whole report: the five sections together, in UTF-16 code units
 * (JavaScript string length). About fifty printed pages; a longer report gets `413`. Rendering
 * time grows linearly with it, which keeps every rendering within the hub's time budget.
 */
export const MAX_REPORT_TEXT_CHARS = 100_000;

/** Longest accepted text for one report section; no section can exceed the whole report's limit. */
export const MAX_REPORT_SECTION_CHARS = MAX_REPORT_TEXT_CHARS;

/** Longest accepted credential (doctor key, token) in characters; longer ones are rejected unread. */
export const MAX_CREDENTIAL_CHARS = 256;

/** Invalid frames tolerated from one authenticated v1 socket before it is closed with 1008. */
export const MAX_V1_INVALID_FRAMES = 20;

/**
 * Client statuses the hub records for one report, from all its consumers together. An honest
 * client sends a handful (`received`, then `written`, `held` or `failed`, perhaps retried); past
 * this, statuses for the report are refused with a non-fatal error and not acknowledged.
 */
export const MAX_STATUSES_PER_REPORT = 64;

/**
 * Statuses one v2 connection may send in a burst, and then per second. Faster statuses are not
 * refused: the hub reads the connection's next frames only as the budget refills.
 */
export const STATUS_BURST = 100;
export const STATUSES_PER_SECOND = 20;

/** Timeline events `GET /v1/reports/:id` returns per page by default, and at most. */
export const DEFAULT_TIMELINE_PAGE = 100;
export const MAX_TIMELINE_PAGE = 500;
