import { availableParallelism } from "node:os";

/** Default CPU time one rendering may take before it is refused. */
export const DEFAULT_RENDER_BUDGET_MS = 2_000;

/** What a rendering is for: its queue, and which workers it may use. */
export type RenderPurpose = "publish" | "download";

/** How the render pool is sized. */
export interface RenderPoolSettings {
  /** CPU time one rendering may take, measured on the worker around the work itself. */
  budgetMs: number;
  /**
   * A rendering still running after this many times its budget, in wall time from when its worker
   * took it, is stopped (synchronous code cannot be interrupted any other way). Default 5.
   */
  watchdogFactor: number;
  /** Worker threads: one per core, at least 2, at most 8. */
  workers: number;
  /** Workers downloads may occupy at once: all but one, so a publish always finds one free. */
  downloadWorkers: number;
  /** Jobs that may wait per purpose; beyond, a new one is refused at once (`RenderQueueFull`). */
  queueLimits: Record<RenderPurpose, number>;
}

/** The pool sized to this machine. */
export function defaultRenderPoolSettings(cores = availableParallelism()): RenderPoolSettings {
  const workers = Math.min(8, Math.max(2, cores));
  return {
    budgetMs: DEFAULT_RENDER_BUDGET_MS,
    watchdogFactor: 5,
    workers,
    downloadWorkers: workers - 1,
    queueLimits: { publish: 64, download: 32 },
  };
}

/** A rendering ran past its time budget and was stopped or its result discarded. */
export class RenderBudgetExceeded extends Error {
  override name = "RenderBudgetExceeded";
}

/** Too many renderings of this purpose are waiting: try again shortly. */
export class RenderQueueFull extends Error {
  override name = "RenderQueueFull";
  constructor(readonly purpose: RenderPurpose) {
    super(`too many ${purpose} renderings are waiting`);
  }
}
