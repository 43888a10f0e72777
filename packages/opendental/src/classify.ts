import { OdErrorCode } from "./errors.ts";

/** How a failed answer is classified: its code, and whether a write may have happened anyway. */
export interface Classified {
  code: OdErrorCode;
  outcomeUnknown: boolean;
}

// Open Dental's 400 covers several causes (apiimplementation.html, "Returned Status Codes"):
// eConnector trouble, an office too old for the method, network trouble between Open Dental and
// the office, a malformed request, and the method's own validation "with explanation". Only the
// explanation tells them apart. Inferred: the wording these patterns look for.
const ECONNECTOR = /e-?connector/i;
const OFFICE_NETWORK =
  /\b(timed? ?out|timeout|could not (connect|reach|be reached)|unreachable|not responding|connection (to|with) the (dental )?office)/i;
const VERSION = /\bversion\b.*\b(not high enough|too old|or (later|higher|newer)|required|needs|requires)\b/i;
const PERMISSION = /\bpermission/i;

/**
 * Classifies a non-2xx answer. `isWrite` marks requests that change the office's data: when the
 * answer does not prove the office did nothing (a 5xx, a 504, a timeout between Open Dental and the
 * office), their outcome is unknown.
 */
export function classifyStatus(status: number, explanation: string, isWrite: boolean): Classified {
  const maybe = (code: OdErrorCode) => ({ code, outcomeUnknown: isWrite });
  const known = (code: OdErrorCode) => ({ code, outcomeUnknown: false });
  if (status === 400) {
    // The eConnector not running means the request never reached the office.
    if (ECONNECTOR.test(explanation)) return known(OdErrorCode.OFFICE_UNREACHABLE);
    if (OFFICE_NETWORK.test(explanation)) return maybe(OdErrorCode.OFFICE_UNREACHABLE);
    if (VERSION.test(explanation)) return known(OdErrorCode.VERSION_TOO_OLD);
    return known(OdErrorCode.BAD_REQUEST);
  }
  if (status === 401 || status === 403) {
    return known(PERMISSION.test(explanation) ? OdErrorCode.PERMISSION_DENIED : OdErrorCode.UNAUTHORIZED);
  }
  if (status === 404) return known(OdErrorCode.NOT_FOUND);
  if (status === 410) return known(OdErrorCode.GONE);
  if (status === 429) return known(OdErrorCode.THROTTLED);
  if (status === 504) return maybe(OdErrorCode.GATEWAY_TIMEOUT);
  if (status >= 500) return maybe(OdErrorCode.SERVER_ERROR);
  if (status >= 400) return known(OdErrorCode.BAD_REQUEST);
  return maybe(OdErrorCode.INVALID_RESPONSE);
}

// Errors that prove the request never left this machine: no connection was made. Bun, Node
// (undici) and browsers name them differently; anything else may have been sent.
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ConnectionRefused",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "FailedToOpenSocket",
  "UnableToConnect",
  "DNSError",
]);

/** True when a fetch failure shows that no connection was made, so nothing was sent. */
export function neverConnected(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NOT_CONNECTED.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Milliseconds in a Retry-After header (seconds or an HTTP date), capped; undefined when absent. */
export function retryAfterMs(header: string | null, now: number, capMs = 60_000): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), capMs) : undefined;
}
