/** How {@link until} polls. */
export interface UntilOptions {
  /** Give up after this long. Default 10 s: a safety net that fails a broken run, not a measurement. */
  timeoutMs?: number;
  /** Pause between checks. Default 10 ms. */
  everyMs?: number;
}

/**
 * Waits until `check` returns true, checking again every few milliseconds; fails naming `what`
 * when it never does. For state another process or a real socket changes and that has no event to
 * wait for. The timeout only ends a run that would otherwise hang: it proves nothing by passing.
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: UntilOptions = {},
): Promise<void> {
  const { timeoutMs = 10_000, everyMs = 10 } = options;
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await Bun.sleep(everyMs);
  }
}
