import type { CloseAdvice } from "../v1/close-codes.ts";

/**
 * Close codes of `/v2/ws`. The application range is split by what the client should do, so a
 * client can act on a code it does not know: 4000-4099 retry with backoff, 4100-4199 fix or renew
 * the credential and retry slowly, 4200-4299 do not reconnect automatically.
 */
export const V2CloseCode = {
  NORMAL: 1000,
  /** The hub is shutting down or restarting. */
  GOING_AWAY: 1001,
  /** A frame was over {@link MAX_V2_FRAME_BYTES}. */
  MESSAGE_TOO_BIG: 1009,
  /** The hub could not complete something (e.g. its store failed); reconnect with backoff, nothing is lost. */
  INTERNAL_ERROR: 1011,
  /** Generic, retryable error. */
  GENERIC_ERROR: 4000,
  /** The client missed the hub's pings. */
  HEARTBEAT_TIMEOUT: 4002,
  /** No `auth` message within 10 s. */
  AUTH_TIMEOUT: 4003,
  /**
   * A revision-0 client was about to meet deliveries it cannot read; the hub acknowledged them on
   * its behalf. Reconnect at once: delivery resumes after them.
   */
  RESYNC: 4004,
  /**
   * Too many refused authentications from this address (or at this credential): reconnect after
   * the wait the error message names, with backoff.
   */
  RATE_LIMITED: 4005,
  /** The credential is unknown, malformed or of a kind that cannot connect. */
  UNAUTHORIZED: 4100,
  /** The credential was revoked. */
  CREDENTIAL_REVOKED: 4101,
  /** A user's token expired and no `refresh` came in time: connect again with a fresh token. */
  TOKEN_EXPIRED: 4102,
  /**
   * A web page connected from an origin its clinic does not allow: the operator must add it
   * (`sofia-hub clinics origins`) before a retry can succeed.
   */
  ORIGIN_NOT_ALLOWED: 4103,
  /** The client broke the protocol (bad frames, acks of unsent items). */
  PROTOCOL_VIOLATION: 4200,
  /** A newer connection of the same recipient took over. */
  REPLACED: 4201,
} as const;
export type V2CloseCode = (typeof V2CloseCode)[keyof typeof V2CloseCode];

/** What a v2 client should do after a close code, including codes it does not know. */
export function adviseOnV2Close(code: number): CloseAdvice {
  if (code === V2CloseCode.MESSAGE_TOO_BIG || code === V2CloseCode.NORMAL) return "give_up";
  if (code >= 4100 && code <= 4199) return "reauthenticate";
  if (code >= 4200 && code <= 4299) return "give_up";
  return "retry";
}
