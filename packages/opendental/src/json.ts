import { exceedsJsonDepth } from "@sofia/protocol";
/** Limits on an answer's body, checked before it is parsed. */
export interface BodyLimits {
  /** Largest body read, in bytes. */
  maxBytes: number;
  /** Deepest nesting of arrays and objects accepted. Open Dental's answers are 2 or 3 deep. */
  maxDepth: number;
}

/** Generous for a page of 1,000 patients; a document list carrying pending uploads can be larger. */
export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 16 };

/** Why a body could not be read. */
export class BodyError extends Error {
  override readonly name = "BodyError";
}

/** Reads a body as text, stopping (and cancelling the stream) once it passes `maxBytes`. */
export async function readText(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text = "";
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyError(`the answer is larger than ${maxBytes} bytes`);
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError("the answer could not be read", { cause: error });
  } finally {
    reader.releaseLock();
  }
}

/** Parses JSON text after checking its nesting depth (outside strings), so a hostile body cannot blow the stack. */
export function parseJsonLimited(text: string, maxDepth: number): unknown {
  if (exceedsJsonDepth(text, maxDepth)) throw new BodyError(`the answer is nested deeper than ${maxDepth}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyError("the answer is not JSON", { cause: error });
  }
}

/**
 * Open Dental's explanation of an error: documented only as "(with explanation)"; the sandbox and
 * the documented examples send a sentence, possibly JSON-encoded. Returns plain text, cut to 500
 * characters.
 */
export function explanationOf(text: string): string {
  let plain = text.trim();
  try {
    const parsed: unknown = JSON.parse(plain);
    if (typeof parsed === "string") plain = parsed;
    else if (typeof parsed === "object" && parsed !== null) {
      const message = (parsed as Record<string, unknown>).Message ?? (parsed as Record<string, unknown>).message;
      if (typeof message === "string") plain = message;
    }
  } catch {
    // Not JSON: the text itself is the explanation.
  }
  return plain.slice(0, 500);
}
