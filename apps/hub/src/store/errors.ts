/**
 * The store could not do what was asked: the database is locked by another process for too long
 * (`SQLITE_BUSY`), the disk failed or is full, the store's thread died. Callers answer the client
 * with a documented "try again" (HTTP `503`, WebSocket close 1011): every promise the hub made was
 * kept in the store before it was made, so a retry loses nothing.
 */
export class StoreError extends Error {
  override name = "StoreError";

  constructor(
    /** The underlying code, e.g. `SQLITE_BUSY`, `SQLITE_IOERR_WRITE`, `STORE_CLOSED`. Safe to log. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** Another process holds the database's write lock; the same call may well succeed shortly. */
  get contended(): boolean {
    return this.code === "SQLITE_BUSY" || this.code === "SQLITE_LOCKED";
  }
}

/** Thrown when creating something whose id is already taken. */
export class AlreadyExistsError extends Error {
  override name = "AlreadyExistsError";

  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} "${id}" already exists`);
  }
}
