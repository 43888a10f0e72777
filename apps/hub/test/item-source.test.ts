import { describe, expect, test } from "bun:test";
import { ItemSource } from "../src/delivery/item-source.ts";
import type { MailboxItem } from "../src/store/records.ts";
import { mailboxItem } from "./support/mailbox-item.ts";

const item = mailboxItem;

/** A mailbox holding `stored`, counting its reads. */
function mailbox(stored: MailboxItem[]) {
  const reads: number[] = [];
  return {
    reads,
    itemsAfter: async (_recipient: string, afterSeq: number, limit: number) => {
      reads.push(afterSeq);
      return stored.filter((i) => i.seq > afterSeq).slice(0, limit);
    },
  };
}
const seqs = (items: MailboxItem[]) => items.map((i) => i.seq);

describe("where a pump's next items come from", () => {
  test("the store first; then what is handed over, without reading", async () => {
    const store = mailbox([item(1), item(2)]);
    const source = new ItemSource(store, "doctor:d");
    expect(seqs(await source.next(0, 50))).toEqual([1, 2]);
    expect(source.dealtWith([item(1), item(2)], 50, 2)).toBe(true);
    source.woken(item(3), true);
    expect(seqs(await source.next(2, 50))).toEqual([3]);
    expect(source.dealtWith([item(3)], 50, 3)).toBe(true);
    expect(store.reads).toEqual([0]);
  });

  test("a wake-up without its item, or one the connection cannot take soon, means a read", async () => {
    for (const [stored, canTake] of [
      [undefined, true],
      [item(3), false],
      [item(3, "doctor:other"), true],
    ] as const) {
      const store = mailbox([item(1), item(2), item(3)]);
      const source = new ItemSource(store, "doctor:d");
      source.dealtWith(await source.next(0, 2), 2, 2); // a full batch: not the whole mailbox
      source.dealtWith(await source.next(2, 50), 50, 3);
      source.woken(stored, canTake);
      await source.next(3, 50);
      expect(store.reads).toEqual([0, 2, 3]);
    }
  });

  test("handed items left behind a gap are not the whole mailbox: the next batch reads the store", async () => {
    const stored: MailboxItem[] = [];
    const store = mailbox(stored);
    const source = new ItemSource(store, "doctor:d");
    expect(source.dealtWith(await source.next(0, 50), 50, 0)).toBe(true);
    stored.push(item(1), item(2), item(3));
    source.woken(item(1), true);
    source.woken(item(3), true); // 2 was stored elsewhere, without a wake-up here
    const handed = await source.next(0, 50);
    expect(seqs(handed)).toEqual([1]);
    expect(source.dealtWith(handed, 50, 1)).toBe(false);
    expect(seqs(await source.next(1, 50))).toEqual([2, 3]);
    expect(source.dealtWith([item(2), item(3)], 50, 3)).toBe(true);
  });
});
