import type { ApiMode } from "./endpoints.ts";

/**
 * What the caller should do about a failed request: the one decision a writer makes on an error.
 * - `retry`: the office or the path to it is unavailable for now (network, timeouts, 5xx, 504,
 *   eConnector down, throttling); try again later. When `outcomeUnknown` is set, a write may have
 *   been carried out: look for it before writing again.
 * - `fix_setup`: a person must act (a key disabled or missing a permission, an office too old
 *   for the method, an endpoint Open Dental has retired); retrying will not help.
 * - `give_up`: this request is wrong for this office (a 400 with Open Dental's explanation, a 404);
 *   give up on this report and hold it for a person.
 */
export const OdErrorAction = {
  RETRY: "retry",
  FIX_SETUP: "fix_setup",
  GIVE_UP: "give_up",
} as const;
export type OdErrorAction = (typeof OdErrorAction)[keyof typeof OdErrorAction];

/** Why a request failed, grouped by the action it calls for. */
export const OdErrorCode = {
  // retry
  /** The endpoint could not be reached, or the connection dropped. */
  NETWORK: "network",
  /** No answer within the client's deadline. */
  TIMEOUT: "timeout",
  /** A 5xx other than 504. */
  SERVER_ERROR: "server_error",
  /** 504: the request ran past Open Dental's 60 s limit. */
  GATEWAY_TIMEOUT: "gateway_timeout",
  /** A Remote API 400 saying the office cannot be reached (eConnector down, office network). */
  OFFICE_UNREACHABLE: "office_unreachable",
  /** Too many requests for the customer key (Open Dental documents no status; 429 is assumed). */
  THROTTLED: "throttled",
  /** A 2xx whose body is not what Open Dental sends (cut off, not JSON, another shape). */
  INVALID_RESPONSE: "invalid_response",
  /** Another write for the same report is already queued or in flight in this client. */
  WRITE_IN_FLIGHT: "write_in_flight",
  // fix_setup
  /** 401: the developer or customer key is unknown, unassigned or disabled. */
  UNAUTHORIZED: "unauthorized",
  /** 401: the developer key lacks the API permission the method needs. */
  PERMISSION_DENIED: "permission_denied",
  /** 400: the office's Open Dental is older than the method or field needs. */
  VERSION_TOO_OLD: "version_too_old",
  /** 410: Open Dental has retired the resource; this client needs an update. */
  GONE: "gone",
  // give_up
  /** 400 with Open Dental's explanation of what is wrong with the request. */
  BAD_REQUEST: "bad_request",
  /** 404: no such resource or record ("Patient not found"). */
  NOT_FOUND: "not_found",
  /** A list longer than the client will page through. */
  TOO_MANY_ROWS: "too_many_rows",
} as const;
export type OdErrorCode = (typeof OdErrorCode)[keyof typeof OdErrorCode];

const ACTIONS: Record<OdErrorCode, OdErrorAction> = {
  network: "retry",
  timeout: "retry",
  server_error: "retry",
  gateway_timeout: "retry",
  office_unreachable: "retry",
  throttled: "retry",
  invalid_response: "retry",
  write_in_flight: "retry",
  unauthorized: "fix_setup",
  permission_denied: "fix_setup",
  version_too_old: "fix_setup",
  gone: "fix_setup",
  bad_request: "give_up",
  not_found: "give_up",
  too_many_rows: "give_up",
};

/** What an {@link OpenDentalError} is about; none of it is patient data. */
export interface OdErrorDetails {
  code: OdErrorCode;
  /** The request, ids replaced: "POST /procnotes", "GET /patients/{id}". */
  request: string;
  /** The endpoint that answered (or failed), when one was tried. */
  mode?: ApiMode;
  status?: number;
  /**
   * True when a write may have been carried out although it failed (timeout, 5xx, a dropped or
   * unreadable answer). The caller must look for the write's effect before sending it again.
   */
  outcomeUnknown?: boolean;
  /** For `version_too_old`: the feature the office lacks ("ProcNotes GET", "doAppendNote"). */
  feature?: string;
  /**
   * Open Dental's explanation ("PatNum is required"). It may quote request values, so it is kept
   * apart from `message`: show it to the person who must act, do not log it with report content.
   */
  explanation?: string;
  /** Milliseconds to wait before retrying, when the office said (Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A failed Open Dental request, classified by what the caller should do ({@link action}). */
export class OpenDentalError extends Error {
  override readonly name = "OpenDentalError";
  readonly code: OdErrorCode;
  readonly action: OdErrorAction;
  readonly request: string;
  readonly mode: ApiMode | undefined;
  readonly status: number | undefined;
  readonly outcomeUnknown: boolean;
  readonly feature: string | undefined;
  readonly explanation: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(details: OdErrorDetails) {
    const status = details.status === undefined ? "" : ` ${details.status}`;
    const via = details.mode ? ` via ${details.mode}` : "";
    super(`Open Dental ${details.request}${via}:${status} ${details.code}`, { cause: details.cause });
    this.code = details.code;
    this.action = ACTIONS[details.code];
    this.request = details.request;
    this.mode = details.mode;
    this.status = details.status;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.feature = details.feature;
    this.explanation = details.explanation;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** True when `error` is an {@link OpenDentalError} with one of `codes`. */
export function isOdError(error: unknown, ...codes: OdErrorCode[]): error is OpenDentalError {
  return error instanceof OpenDentalError && (codes.length === 0 || codes.includes(error.code));
}
