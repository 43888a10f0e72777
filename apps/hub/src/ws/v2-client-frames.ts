import { adviseOnV2Close, exceedsJsonDepth, MAX_JSON_DEPTH, V2ClientMessage, type V2Error } from "@sofia/protocol";

/** A v2 `error` message: fatal ones carry the advice of the close that follows, others `retry`. */
export function errorMessage(code: number, message: string, fatal: boolean): V2Error {
  return { type: "error", code, message, fatal, advice: fatal ? adviseOnV2Close(code) : "retry" };
}

/** Parses one text frame, with a reason a client developer can act on when it is invalid. */
export function parseClientMessage(
  text: string,
): { ok: true; message: V2ClientMessage } | { ok: false; reason: string } {
  if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) return { ok: false, reason: "JSON nested too deeply" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "malformed JSON" };
  }
  const parsed = V2ClientMessage.safeParse(value);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return { ok: false, reason: `invalid message: ${where}${issue?.message ?? "unknown"}`.slice(0, 200) };
}
