/**
 * WebSocket close codes used on `/reports/ws`, grouped by what a client should do next.
 * 1000, 1008 and 4000 come from the integration spec; the others are the hub's documented
 * additions (docs/protocol-v1.md).
 */
export const CloseCode = {
  /** The client or the hub ended the connection on purpose. */
  NORMAL: 1000,
  /** The hub is shutting down or restarting: reconnect with backoff. */
  GOING_AWAY: 1001,
  /** Authentication failed (wrong, revoked or missing key, or no auth message within 10 s). */
  POLICY_VIOLATION: 1008,
  /** A frame was larger than the documented limit. */
  MESSAGE_TOO_BIG: 1009,
  /** The hub hit an unexpected error; reconnect with backoff. */
  INTERNAL_ERROR: 1011,
  /** Generic error from the integration spec. */
  GENERIC_ERROR: 4000,
  /** A newer connection authenticated for the same doctor and took over (one connection per doctor). */
  REPLACED: 4001,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** What a client should do after a close code. */
export type CloseAdvice =
  /** Reconnect with exponential backoff. */
  | "retry"
  /** Check the credential (it may be wrong or revoked) before trying again, slowly. */
  | "reauthenticate"
  /** Do not reconnect automatically; a person or a configuration change must intervene. */
  | "give_up";

/**
 * The advice for each close code. 1008 covers both a wrong key and a late auth message (the spec
 * gives both the same code), so clients retry it slowly rather than never.
 */
export const CLOSE_ADVICE: Readonly<Record<CloseCode, CloseAdvice>> = {
  [CloseCode.NORMAL]: "give_up",
  [CloseCode.GOING_AWAY]: "retry",
  [CloseCode.POLICY_VIOLATION]: "reauthenticate",
  [CloseCode.MESSAGE_TOO_BIG]: "give_up",
  [CloseCode.INTERNAL_ERROR]: "retry",
  [CloseCode.GENERIC_ERROR]: "retry",
  [CloseCode.REPLACED]: "give_up",
};

/** Advice for any close code, including ones the hub never sends (1006 abnormal closure: retry). */
export function adviseOnClose(code: number): CloseAdvice {
  return (CLOSE_ADVICE as Record<number, CloseAdvice | undefined>)[code] ?? "retry";
}

/**
 * The `code` carried by an `error` message: the close code that follows when the error ends the
 * connection, or {@link CloseCode.GENERIC_ERROR} when the connection stays open.
 */
export type ErrorCode = CloseCode;
