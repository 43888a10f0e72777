import { MAX_JSON_DEPTH } from "../limits.ts";
import { exceedsJsonDepth } from "../notifications/limits.ts";
import { AuthMessage, JsonPing, PING } from "./messages.ts";

/** What a text frame from a v1 client turned out to be. */
export type V1ClientFrame =
  | { kind: "ping"; json: boolean }
  | { kind: "auth"; doctorKey: string }
  | { kind: "invalid"; reason: string };

/**
 * Classifies one text frame from a v1 client. Pure and total: any input yields a frame, never an
 * exception, so the hub can answer garbage with a clear error.
 */
export function parseV1ClientFrame(text: string): V1ClientFrame {
  if (text === PING) return { kind: "ping", json: false };
  if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) return { kind: "invalid", reason: "JSON nested too deeply" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: 'malformed JSON: send "ping" or a JSON object' };
  }
  if (JsonPing.safeParse(value).success) return { kind: "ping", json: true };
  const auth = AuthMessage.safeParse(value);
  if (auth.success) return { kind: "auth", doctorKey: auth.data.doctor_key };
  if (typeof value === "object" && value !== null && "type" in value) {
    const type = String(value.type).slice(0, 64);
    return { kind: "invalid", reason: `unknown message type "${type}"` };
  }
  return { kind: "invalid", reason: 'expected {"doctor_key": "..."} or "ping"' };
}
