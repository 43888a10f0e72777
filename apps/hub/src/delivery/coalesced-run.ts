/** The default `onIdle`: one function for every run, not one each. */
const idle = (): void => {};

/**
 * Runs an async pass, coalescing calls: a call while a pass is running asks for exactly one more
 * pass after it, however many calls arrive, and returns the promise of that work. Delivery uses it
 * so that a burst of publishes or acks costs a few passes over the store, never one per event,
 * and passes never overlap.
 */
export class CoalescedRun {
  private running: { again: boolean; done: Promise<void> } | null = null;

  /**
   * @param pass the work; it re-reads its state each time, so one more pass covers every call.
   * @param onError called with a pass's error (the run then ends; the next call starts afresh).
   * @param onIdle called when the last pass has finished.
   */
  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly onIdle: () => void = idle,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.running.again = true;
      return this.running.done;
    }
    const state = { again: true, done: Promise.resolve() };
    state.done = (async () => {
      try {
        while (state.again) {
          state.again = false;
          await this.pass();
        }
      } catch (error) {
        this.onError(error);
      } finally {
        this.running = null;
        this.onIdle();
      }
    })();
    this.running = state;
    return state.done;
  }

  /** The work in progress, or `null` when idle. */
  get inProgress(): Promise<void> | null {
    return this.running?.done ?? null;
  }
}
