import type { Clock, TimerHandle } from "@sofia/runtime/clock";
import { errorCode, type Logger } from "@sofia/runtime/log";

/** A running {@link repeatEvery} loop. */
export interface Repeating {
  /** Stops the loop and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` on `clock`, one pass at a time: the next pass is scheduled only
 * when the previous one has finished, so a slow pass never overlaps the next. Errors are logged and
 * the loop goes on.
 */
export function repeatEvery(
  clock: Clock,
  intervalMs: number,
  name: string,
  task: () => unknown,
  log: Logger,
): Repeating {
  let timer: TimerHandle | null = null;
  let stopped = false;
  let pass: Promise<void> | null = null;
  const schedule = () => {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      pass = Promise.resolve()
        .then(async () => {
          await task();
        })
        .catch((error: unknown) =>
          log.error(`${name} failed`, { code: errorCode(error) ?? null, error: String(error) }),
        )
        .finally(() => {
          pass = null;
          schedule();
        });
    }, intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      timer?.cancel();
      await pass;
    },
  };
}
