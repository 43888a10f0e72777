/** Why a publish failed, as the hub answered (or did not). */
export class NotifyError extends Error {
  override name = "NotifyError";

  constructor(
    message: string,
    /** The HTTP status, or 0 when the hub was not reached. */
    readonly status: number,
    /** The hub's error code (`forbidden`, `invalid_body`, `store_unavailable`…), or `network`. */
    readonly code: string,
    /** Per-field messages for a `400`. */
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }

  /** Whether trying again later may succeed (network trouble, `503`, other `5xx`, `429`). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
