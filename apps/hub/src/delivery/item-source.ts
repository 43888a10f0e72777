import type { MailboxItem } from "../store/records.ts";
import type { MailboxStore } from "../store/store.ts";
import { HandedItems } from "./handed-items.ts";

/**
 * Where a delivery pump's next items come from: the items handed over by the publishes that
 * stored them, while that is known to be the whole story, or else the store, which stays the
 * queue. The hand-over only saves a read; it never holds anything the store does not.
 *
 * It is the whole story when every wake-up since the last read of the store came with its item
 * and what was handed over follows on without a gap. A wake-up without its item (another path or
 * node stored something), an item the connection could not take soon, a full batch, a batch not
 * dealt with to its end, or handed items left behind a gap make the next batch read the store.
 */
export class ItemSource {
  /** Made at the first hand-over: an idle connection holds none. */
  private handed: HandedItems | null = null;
  private mustRead = true;

  constructor(
    private readonly mailbox: Pick<MailboxStore, "itemsAfter">,
    private readonly recipient: string,
  ) {}

  /**
   * A wake-up: something was stored for the recipient. `stored` is the item, when the one who
   * stored it had it; it is kept only if `canTakeSoon` (the connection's window has room and its
   * socket is not backed up), since a kept item holds its payload in memory.
   */
  woken(stored: MailboxItem | undefined, canTakeSoon: boolean): void {
    if (stored === undefined || stored.recipient !== this.recipient || !canTakeSoon) {
      this.mustRead = true;
      return;
    }
    this.handed ??= new HandedItems();
    if (!this.handed.add(stored)) this.mustRead = true;
  }

  /** Up to `limit` items right after `afterSeq`: handed over when that is safe, else from the store. */
  async next(afterSeq: number, limit: number): Promise<MailboxItem[]> {
    // No wake-up without its item since the last read: the handed items, if they follow on, are
    // all there is ([] when there are none).
    const handed = this.mustRead ? null : this.handed === null ? [] : this.handed.take(afterSeq, limit);
    if (handed !== null) return handed;
    // Cleared before the read: a wake-up without its item during the read makes the next one read.
    this.mustRead = false;
    return this.mailbox.itemsAfter(this.recipient, afterSeq, limit);
  }

  /**
   * A batch of `limit` asked for is dealt with up to `dealtSeq`. Returns whether it was all there
   * is (short, dealt with to its end, nothing handed over left behind a gap); otherwise the next
   * batch reads the store, which has the rest. Handed items already dealt with (read from the
   * store meanwhile) are let go, so no payload outlives its delivery here.
   */
  dealtWith(items: readonly MailboxItem[], limit: number, dealtSeq: number): boolean {
    this.handed?.dropThrough(dealtSeq);
    const whole = items.length < limit && (items.length === 0 || items.at(-1)?.seq === dealtSeq);
    if (whole && (this.handed?.size ?? 0) === 0) return true;
    this.mustRead = true;
    return false;
  }
}
