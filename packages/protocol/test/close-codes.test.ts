import { describe, expect, test } from "bun:test";
import { adviseOnClose, CLOSE_ADVICE, type CloseAdvice, CloseCode } from "../src/index.ts";

describe("close codes", () => {
  test("the spec's codes keep their numbers", () => {
    expect(CloseCode.NORMAL).toBe(1000);
    expect(CloseCode.POLICY_VIOLATION).toBe(1008);
    expect(CloseCode.GENERIC_ERROR).toBe(4000);
  });

  test.each<[number, CloseAdvice]>([
    [CloseCode.GOING_AWAY, "retry"],
    [CloseCode.INTERNAL_ERROR, "retry"],
    [CloseCode.GENERIC_ERROR, "retry"],
    [1006, "retry"],
    [CloseCode.POLICY_VIOLATION, "reauthenticate"],
    [CloseCode.REPLACED, "give_up"],
    [CloseCode.MESSAGE_TOO_BIG, "give_up"],
    [CloseCode.NORMAL, "give_up"],
  ])("after %d a client should %s", (code, advice) => {
    expect(adviseOnClose(code)).toBe(advice);
  });

  test("every named code has advice", () => {
    for (const code of Object.values(CloseCode)) expect(CLOSE_ADVICE[code]).toBeDefined();
  });
});
