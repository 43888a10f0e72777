/**
 * Tells whoever delivers a recipient's mailbox that something was added to it. Publishing goes
 * through this instead of calling connections directly, so that with several hub nodes a
 * publish on one node can wake a socket on another (PostgreSQL `LISTEN/NOTIFY` is the planned
 * second implementation); a missed notification only delays delivery until the next wake.
 */
export interface Notifier {
  /** Announces that `recipient`'s mailbox has something new (after the commit). */
  notify(recipient: string): void;
  /** Calls `listener` for every announcement; returns a function that stops it. */
  subscribe(listener: (recipient: string) => void): () => void;
}

/** Announcements within one process: a single hub node. */
export class InProcessNotifier implements Notifier {
  private readonly listeners = new Set<(recipient: string) => void>();

  notify(recipient: string): void {
    for (const listener of this.listeners) listener(recipient);
  }

  subscribe(listener: (recipient: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
