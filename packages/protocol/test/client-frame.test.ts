import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { parseV1ClientFrame, type V1ClientFrame } from "../src/index.ts";

describe("parseV1ClientFrame", () => {
  test.each<[string, V1ClientFrame]>([
    ["ping", { kind: "ping", json: false }],
    ['{"type":"ping"}', { kind: "ping", json: true }],
    ['{"doctor_key":"k"}', { kind: "auth", doctorKey: "k" }],
    ['{"doctor_key":"k","extra":true}', { kind: "auth", doctorKey: "k" }],
  ])("%s", (text, expected) => {
    expect(parseV1ClientFrame(text)).toEqual(expected);
  });

  test.each([
    ["PING", "malformed JSON"],
    ["{", "malformed JSON"],
    ['{"type":"nope"}', 'unknown message type "nope"'],
    ['{"doctor_key":""}', 'expected {"doctor_key"'],
    ["null", 'expected {"doctor_key"'],
    ["[]", 'expected {"doctor_key"'],
  ])("%s is invalid: %s", (text, reason) => {
    const frame = parseV1ClientFrame(text);
    expect(frame.kind).toBe("invalid");
    expect(frame.kind === "invalid" && frame.reason).toContain(reason);
  });

  test("never throws, whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const frame = parseV1ClientFrame(text);
          expect(["ping", "auth", "invalid"]).toContain(frame.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("an unknown type is quoted at most 64 characters long", () => {
    const frame = parseV1ClientFrame(JSON.stringify({ type: "x".repeat(10_000) }));
    expect(frame.kind === "invalid" && frame.reason.length).toBeLessThan(100);
  });
});
