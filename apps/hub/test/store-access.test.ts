import { describe, expect, test } from "bun:test";
import { ACCESS, accessOf } from "../src/store/sqlite/access.ts";

/** Which store calls are synced before they answer: docs/architecture.md#store states the same. */
describe("the access of a store call", () => {
  test("is its method's, from the table", () => {
    expect(accessOf("reports", "insert", [])).toBe("write");
    expect(accessOf("mailbox", "ack", [])).toBe("lazy");
    expect(accessOf("mailbox", "itemsAfter", [])).toBe("read");
    expect(accessOf("mailbox", "nope", [])).toBeUndefined();
    expect(accessOf("nope", "insert", [])).toBeUndefined();
  });

  test("a cursor opened at the beginning is lazy; one opened at the head is synced", () => {
    expect(ACCESS.mailbox.openCursor).toBe("write");
    expect(accessOf("mailbox", "openCursor", ["doctor:d", "doctor:d", "beginning", "t"])).toBe("lazy");
    expect(accessOf("mailbox", "openCursor", ["agent:a", "doctor:d", "head", "t"])).toBe("write");
    // Anything else keeps the method's own access.
    expect(accessOf("mailbox", "openCursor", [])).toBe("write");
  });
});
