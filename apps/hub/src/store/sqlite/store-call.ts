import { AlreadyExistsError, StoreError } from "../errors.ts";

/** One call of a store method, as it crosses to the thread that owns the database. */
export interface StoreCall {
  part: string;
  method: string;
  args: unknown[];
}

/** An error as it crosses threads: enough to rebuild the error the caller can act on. */
export interface CallError {
  name: string;
  message: string;
  code: string;
  entity?: string;
  id?: string;
}

/** What became of a call. */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: CallError };

/** Flattens an error thrown by a store method (SQLite's carry a `code` such as `SQLITE_BUSY`). */
export function toCallError(error: unknown): CallError {
  if (error instanceof AlreadyExistsError) {
    return { name: error.name, message: error.message, code: "ALREADY_EXISTS", entity: error.entity, id: error.id };
  }
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "STORE_FAILED";
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : "Error", message, code };
}

/** Rebuilds the error a caller sees: {@link AlreadyExistsError}, or a {@link StoreError} with the code. */
export function fromCallError(error: CallError): Error {
  if (error.code === "ALREADY_EXISTS" && error.entity !== undefined && error.id !== undefined) {
    return new AlreadyExistsError(error.entity, error.id);
  }
  return new StoreError(error.code, error.message);
}
