/** Polls `check` until it returns a value other than null, undefined or false, or fails after `timeoutMs` saying what was awaited. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await Bun.sleep(100);
  }
  const why = last instanceof Error ? ` (last error: ${last.message})` : "";
  throw new Error(`timed out waiting for ${what}${why}`);
}
