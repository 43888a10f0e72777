/** The load generator's line channel to the harness: JSON lines out on stdout, commands in on stdin. */

/** Writes one message to the harness. */
export const tell = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

const lines: string[] = [];
let wake: () => void = () => {};
const decoder = new TextDecoder();
let buffered = "";
(async () => {
  for await (const chunk of Bun.stdin.stream()) {
    buffered += decoder.decode(chunk, { stream: true });
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts.filter(Boolean));
    wake();
  }
})().catch(() => undefined);
/** Resolves with the next line the harness sends. */
export async function nextCommand(): Promise<string> {
  while (lines.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return lines.shift() ?? "";
}
