import type { RenderContext } from "./context.ts";
import type { InlineRenderings, RenderRequest, RenderResponse } from "./render-job.ts";

/** Default time one rendering may take before it is abandoned. */
export const DEFAULT_RENDER_BUDGET_MS = 2_000;

/** A rendering ran past its time budget and was stopped. */
export class RenderBudgetExceeded extends Error {
  override name = "RenderBudgetExceeded";
}

interface Job {
  request: RenderRequest;
  budgetMs: number;
  resolve(response: RenderResponse): void;
  reject(error: Error): void;
}

/**
 * Renders reports on a worker thread, one job at a time, each within a time budget. A job that
 * overruns is rejected with `RenderBudgetExceeded` and its thread terminated (synchronous code
 * cannot be interrupted any other way); the next job gets a fresh thread. So no report, however
 * pathological, can stall the hub's event loop.
 */
export class RenderPool {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: ReturnType<typeof setTimeout> } | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly budgetMs = DEFAULT_RENDER_BUDGET_MS) {}

  /** The inline renderings (HTML, RTF, plain text) of a report. */
  async inline(ctx: RenderContext, budgetMs = this.budgetMs): Promise<InlineRenderings> {
    const response = await this.submit({ id: this.nextId++, kind: "inline", ctx }, budgetMs);
    if (!("inline" in response)) throw new Error("render worker answered an inline job without renderings");
    return response.inline;
  }

  /** The DOCX rendering of a report. */
  async docx(ctx: RenderContext, budgetMs = this.budgetMs): Promise<Uint8Array<ArrayBuffer>> {
    const response = await this.submit({ id: this.nextId++, kind: "docx", ctx }, budgetMs);
    if (!("docx" in response)) throw new Error("render worker answered a DOCX job without a document");
    return response.docx;
  }

  /** Stops the worker; queued and running jobs are rejected. */
  close(): void {
    this.closed = true;
    const pending = [...(this.running ? [this.running.job] : []), ...this.queue.splice(0)];
    if (this.running) clearTimeout(this.running.timer);
    this.running = null;
    this.stopWorker();
    for (const job of pending) job.reject(new Error("the render pool is closed"));
  }

  private submit(request: RenderRequest, budgetMs: number): Promise<RenderResponse> {
    if (this.closed) return Promise.reject(new Error("the render pool is closed"));
    return new Promise<RenderResponse>((resolve, reject) => {
      this.queue.push({ request, budgetMs, resolve, reject });
      this.startNext();
    }).then((response) => {
      if (!response.ok) throw new Error(`rendering failed: ${response.error}`);
      return response;
    });
  }

  private startNext(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = this.ensureWorker();
    const timer = setTimeout(() => {
      this.stopWorker();
      this.finish(job, () => job.reject(new RenderBudgetExceeded(`rendering took longer than ${job.budgetMs} ms`)));
    }, job.budgetMs);
    this.running = { job, timer };
    worker.postMessage(job.request);
  }

  private finish(job: Job, settle: () => void): void {
    if (this.running?.job !== job) return;
    clearTimeout(this.running.timer);
    this.running = null;
    settle();
    this.startNext();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./render-worker.ts", import.meta.url).href);
    worker.unref();
    worker.onmessage = (event: MessageEvent<RenderResponse>) => {
      const running = this.running;
      if (running && running.job.request.id === event.data.id)
        this.finish(running.job, () => running.job.resolve(event.data));
    };
    worker.onerror = (event) => {
      this.stopWorker();
      const running = this.running;
      if (running)
        this.finish(running.job, () => running.job.reject(new Error(`render worker crashed: ${event.message}`)));
    };
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
