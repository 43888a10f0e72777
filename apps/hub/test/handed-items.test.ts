import { describe, expect, test } from "bun:test";
import { HandedItems, MAX_HANDED_ITEMS } from "../src/delivery/handed-items.ts";
import type { MailboxItem } from "../src/store/records.ts";
import { mailboxItem } from "./support/mailbox-item.ts";

const item = mailboxItem;
const seqs = (items: MailboxItem[] | null) => items?.map((i) => i.seq) ?? null;

describe("items handed to a pump by the publish that stored them", () => {
  test("are taken only while they follow on from the last seq dealt with", () => {
    const handed = new HandedItems();
    for (const seq of [4, 5, 6]) handed.add(item(seq));
    expect(seqs(handed.take(3, 2))).toEqual([4, 5]);
    expect(seqs(handed.take(5, 10))).toEqual([6]);
    expect(seqs(handed.take(6, 10))).toEqual([]);
  });

  test("a gap before them means the store must be read (null), and they stay for later", () => {
    const handed = new HandedItems();
    handed.add(item(7));
    expect(handed.take(5, 10)).toBeNull();
    // The store read dealt with 6: 7 follows on now.
    expect(seqs(handed.take(6, 10))).toEqual([7]);
  });

  test("a gap between them stops the take at the gap", () => {
    const handed = new HandedItems();
    for (const seq of [2, 3, 5]) handed.add(item(seq));
    expect(seqs(handed.take(1, 10))).toEqual([2, 3]);
    expect(handed.take(3, 10)).toBeNull();
  });

  test("items already dealt with (read from the store meanwhile) are dropped", () => {
    const handed = new HandedItems();
    for (const seq of [1, 2]) handed.add(item(seq));
    expect(seqs(handed.take(2, 10))).toEqual([]);
    expect(seqs(handed.take(0, 10))).toEqual([]);
  });

  test("out of order and repeated hand-overs keep one of each, in seq order", () => {
    const handed = new HandedItems();
    for (const seq of [3, 1, 2, 2]) handed.add(item(seq));
    expect(seqs(handed.take(0, 10))).toEqual([1, 2, 3]);
  });

  test("past the bound the buffer empties and says so: the pump reads the store", () => {
    const handed = new HandedItems();
    for (let seq = 1; seq <= MAX_HANDED_ITEMS; seq++) expect(handed.add(item(seq))).toBe(true);
    expect(handed.add(item(MAX_HANDED_ITEMS + 1))).toBe(false);
    expect(seqs(handed.take(0, 10))).toEqual([]);
  });

  test("let go of what was dealt with another way; count what is kept", () => {
    const handed = new HandedItems();
    for (const seq of [3, 4, 6]) handed.add(item(seq));
    handed.dropThrough(4);
    expect(handed.size).toBe(1);
    expect(seqs(handed.take(5, 10))).toEqual([6]);
    expect(handed.size).toBe(0);
  });
});
