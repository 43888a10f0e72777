/** The text of a body read within a byte limit, or why it was not. */
export type BoundedText = { ok: true; text: string } | { ok: false; reason: "too_large" | "unreadable" };

/**
 * Reads a request's or response's body as UTF-8, stopping (and cancelling the stream) as soon as
 * it passes `maxBytes`: a declared `Content-Length` over the limit is refused before reading, and
 * a chunked body that never ends costs at most `maxBytes` of memory.
 */
export async function readBoundedText(message: Request | Response, maxBytes: number): Promise<BoundedText> {
  const declared = Number(message.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await message.body?.cancel().catch(() => {});
    return { ok: false, reason: "too_large" };
  }
  if (!message.body) return { ok: true, text: "" };
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, reason: "too_large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks)) };
}
