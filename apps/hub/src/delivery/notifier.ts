import type { MailboxItem } from "../store/records.ts";

/**
 * Tells whoever delivers a recipient's mailbox that something was added to it. Publishing goes
 * through this instead of calling connections directly, so that with several hub nodes a
 * publish on one node can wake a socket on another (PostgreSQL `LISTEN/NOTIFY` is the planned
 * second implementation); a missed notification only delays delivery until the next wake.
 */
export interface Notifier {
  /**
   * Announces that `recipient`'s mailbox has something new (after the commit). `stored`, when the
   * caller has it, is the item just committed: readers in this process may send it without reading
   * it back from the store. Announcements that cross processes carry only the recipient.
   */
  notify(recipient: string, stored?: MailboxItem): void;
  /** Calls `listener` for every announcement; returns a function that stops it. */
  subscribe(listener: (recipient: string, stored?: MailboxItem) => void): () => void;
}

/** Announcements within one process: a single hub node. */
export class InProcessNotifier implements Notifier {
  private readonly listeners = new Set<(recipient: string, stored?: MailboxItem) => void>();

  notify(recipient: string, stored?: MailboxItem): void {
    for (const listener of this.listeners) listener(recipient, stored);
  }

  subscribe(listener: (recipient: string, stored?: MailboxItem) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
