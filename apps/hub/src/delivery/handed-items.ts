import type { MailboxItem } from "../store/records.ts";

/**
 * Items kept at most; past it the buffer empties itself and the pump reads the store instead. A
 * pump passes them on within a pass, so a handful is plenty; the bound keeps a slow pass from
 * holding many payloads (kilobytes each) per connection.
 */
export const MAX_HANDED_ITEMS = 32;

/**
 * Mailbox items handed to a delivery pump by the publish that has just committed them, so that the
 * pump can send them without reading them back from the store. Only a shortcut: an item is taken
 * from here only when it is exactly the next one in the mailbox (`seq` one past the last dealt
 * with, and each next one past that), so a missing item, one stored elsewhere without being
 * handed over, or an overflow makes {@link take} answer `null` and the pump reads the store, as it
 * does for everything else. Per-recipient seqs have no gaps (each is the head plus one, issued in
 * the storing transaction), which is what makes "one past" mean "the next".
 */
export class HandedItems {
  private items: MailboxItem[] = [];

  /** Keeps `item` (in seq order). Returns `false` when the buffer was full and was emptied. */
  add(item: MailboxItem): boolean {
    if (this.items.length >= MAX_HANDED_ITEMS) {
      this.items = [];
      return false;
    }
    const last = this.items.at(-1);
    if (last === undefined || last.seq < item.seq) this.items.push(item);
    else if (!this.items.some((kept) => kept.seq === item.seq)) {
      this.items.push(item);
      this.items.sort((a, b) => a.seq - b.seq);
    }
    return true;
  }

  /**
   * Up to `limit` items that come right after `afterSeq`, removed from the buffer: `[]` when none
   * is kept after it, `null` when what is kept does not follow on (the store must be read).
   */
  take(afterSeq: number, limit: number): MailboxItem[] | null {
    let start = 0;
    while (start < this.items.length && (this.items[start]?.seq ?? 0) <= afterSeq) start++;
    if (start === this.items.length) {
      this.items = [];
      return [];
    }
    const taken: MailboxItem[] = [];
    let next = afterSeq + 1;
    for (let i = start; i < this.items.length && taken.length < limit; i++) {
      const item = this.items[i];
      if (item === undefined || item.seq !== next) break;
      taken.push(item);
      next++;
    }
    if (taken.length === 0) return null;
    this.items = this.items.slice(start + taken.length);
    return taken;
  }

  /** Lets go of the items at or below `seq` (dealt with another way). */
  dropThrough(seq: number): void {
    if ((this.items[0]?.seq ?? Number.POSITIVE_INFINITY) <= seq) this.items = this.items.filter((i) => i.seq > seq);
  }

  /** How many items are kept. */
  get size(): number {
    return this.items.length;
  }
}
