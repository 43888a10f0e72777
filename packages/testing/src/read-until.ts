/**
 * Reads a child process's output until `pattern` appears and returns everything read so far;
 * fails if the stream ends first (the process exited) or after `timeoutMs`, a safety net for a
 * child that hangs, showing what it printed. The reader is released, so reading can go on.
 */
export async function readUntil(
  stream: ReadableStream<Uint8Array>,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    while (!pattern.test(text)) {
      const chunk = await Promise.race([reader.read(), expired]);
      if (chunk === null) throw new Error(`no ${pattern} within ${timeoutMs} ms; output so far:\n${text}`);
      if (chunk.done) throw new Error(`the process ended before printing ${pattern}; output:\n${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}
