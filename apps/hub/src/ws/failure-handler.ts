/** Something that ends itself when work done on its behalf fails: a session, a user's channel host. */
export interface Failable {
  failed(error: unknown): void;
}

/**
 * `(error) => target.failed(error)`, made here rather than inline: a closure keeps alive the
 * whole scope it is created in, and one made inside an async method (a session's `authenticate`)
 * would hold that method's locals — the principal, the auth message with its secret — for as
 * long as the session lives. This one holds only `target`.
 */
export function failureHandler(target: Failable): (error: unknown) => void {
  return (error) => target.failed(error);
}
