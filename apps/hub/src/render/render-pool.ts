import type { RenderContext } from "./context.ts";
import {
  defaultRenderPoolSettings,
  RenderBudgetExceeded,
  type RenderPoolSettings,
  type RenderPurpose,
  RenderQueueFull,
} from "./pool-settings.ts";
import { type InlineRenderings, type RenderRequest, type RenderResponse, WORKER_READY } from "./render-job.ts";

interface Job {
  request: RenderRequest;
  purpose: RenderPurpose;
  budgetMs: number;
  resolve(response: RenderResponse): void;
  reject(error: Error): void;
}

/** One worker thread: absent, starting (not ready), idle or running one job. */
interface Slot {
  worker: Worker | null;
  ready: boolean;
  job: Job | null;
  watchdog: ReturnType<typeof setTimeout> | null;
}

/**
 * Renders reports on worker threads, so that no report, however pathological, stalls the hub's
 * event loop. Sized to the machine ({@link defaultRenderPoolSettings}), with a queue per purpose:
 * publishing (inline renderings, a producer waiting for its `202`) is served first and always has
 * a worker that downloads (DOCX behind signed links, which anyone holding a link can request) may
 * not take. A full queue refuses at once with {@link RenderQueueFull}.
 *
 * The budget is the job's own CPU time, measured by the worker: waiting in a queue, starting a
 * thread or sharing a core does not count, so a valid report is not refused because the hub is
 * busy. A job over budget is refused with {@link RenderBudgetExceeded}; one that runs on past
 * `watchdogFactor` times its budget (wall time) has its thread terminated, and that slot starts a
 * fresh one when next needed.
 */
export class RenderPool {
  readonly settings: RenderPoolSettings;
  private readonly slots: Slot[];
  private readonly queues: Record<RenderPurpose, Job[]> = { publish: [], download: [] };
  private nextId = 1;
  private closed = false;
  /** Told the CPU time of each finished rendering (the hub's metrics). */
  onRendered: ((kind: "inline" | "docx", cpuSeconds: number) => void) | null = null;

  constructor(settings: Partial<RenderPoolSettings> = {}) {
    this.settings = { ...defaultRenderPoolSettings(), ...settings };
    this.slots = Array.from({ length: this.settings.workers }, () => ({
      worker: null,
      ready: false,
      job: null,
      watchdog: null,
    }));
  }

  /** The inline renderings (HTML, RTF, plain text) of a report about to be published. */
  async inline(ctx: RenderContext, budgetMs = this.settings.budgetMs): Promise<InlineRenderings> {
    const response = await this.submit("publish", { id: this.nextId++, kind: "inline", ctx }, budgetMs);
    if (!("inline" in response)) throw new Error("render worker answered an inline job without renderings");
    return response.inline;
  }

  /** The DOCX rendering of a report, for a download. */
  async docx(ctx: RenderContext, budgetMs = this.settings.budgetMs): Promise<Uint8Array<ArrayBuffer>> {
    const response = await this.submit("download", { id: this.nextId++, kind: "docx", ctx }, budgetMs);
    if (!("docx" in response)) throw new Error("render worker answered a DOCX job without a document");
    return response.docx;
  }

  /** Stops every worker; queued and running jobs are rejected. */
  close(): void {
    this.closed = true;
    const pending = [...this.queues.publish.splice(0), ...this.queues.download.splice(0)];
    for (const slot of this.slots) {
      if (slot.job) pending.push(slot.job);
      this.stop(slot);
    }
    for (const job of pending) job.reject(new Error("the render pool is closed"));
  }

  private submit(purpose: RenderPurpose, request: RenderRequest, budgetMs: number): Promise<RenderResponse> {
    if (this.closed) return Promise.reject(new Error("the render pool is closed"));
    const queue = this.queues[purpose];
    if (queue.length >= this.settings.queueLimits[purpose]) return Promise.reject(new RenderQueueFull(purpose));
    return new Promise<RenderResponse>((resolve, reject) => {
      queue.push({ request, purpose, budgetMs, resolve, reject });
      this.dispatch();
    }).then((response) => {
      if (!response.ok) throw new Error(`rendering failed: ${response.error}`);
      return response;
    });
  }

  /** Gives waiting jobs to ready workers, and starts workers for jobs that could run now. */
  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.take();
      if (!job) break;
      this.run(slot, job);
    }
    const downloadsMayRun = this.busy("download") < this.settings.downloadWorkers;
    const runnable = this.queues.publish.length + (downloadsMayRun ? this.queues.download.length : 0);
    let starting = this.slots.filter((s) => s.worker && !s.ready).length;
    for (const slot of this.slots) {
      if (starting >= runnable) break;
      if (!slot.worker) {
        this.start(slot);
        starting++;
      }
    }
  }

  /** The next job a free worker should run: publishing first; a download only within its share. */
  private take(): Job | undefined {
    if (this.queues.publish.length > 0) return this.queues.publish.shift();
    if (this.busy("download") < this.settings.downloadWorkers) return this.queues.download.shift();
    return undefined;
  }

  private busy(purpose: RenderPurpose): number {
    return this.slots.filter((s) => s.job?.purpose === purpose).length;
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    slot.watchdog = setTimeout(() => {
      this.stop(slot);
      job.reject(new RenderBudgetExceeded(`rendering ran past ${job.budgetMs * this.settings.watchdogFactor} ms`));
      this.dispatch();
    }, job.budgetMs * this.settings.watchdogFactor);
    slot.worker?.postMessage(job.request);
  }

  private start(slot: Slot): void {
    const worker = new Worker(new URL("./render-worker.ts", import.meta.url).href);
    worker.unref();
    slot.worker = worker;
    worker.onmessage = (event: MessageEvent<RenderResponse | typeof WORKER_READY>) => {
      if (slot.worker !== worker) return;
      const data = event.data;
      if (data === WORKER_READY) {
        slot.ready = true;
      } else if (slot.job && slot.job.request.id === data.id) {
        const job = slot.job;
        if (slot.watchdog) clearTimeout(slot.watchdog);
        slot.job = null;
        if (data.ok) this.onRendered?.(job.request.kind, (data.cpuMs ?? 0) / 1000);
        if (data.ok && (data.cpuMs ?? 0) > job.budgetMs) {
          job.reject(new RenderBudgetExceeded(`rendering took ${Math.round(data.cpuMs ?? 0)} ms of CPU`));
        } else job.resolve(data);
      }
      this.dispatch();
    };
    worker.onerror = (event) => {
      if (slot.worker !== worker) return;
      const error = new Error(`render worker crashed: ${event.message}`);
      const { job, ready } = slot;
      this.stop(slot);
      job?.reject(error);
      // A worker that cannot even start would be restarted forever: refuse what waits instead.
      if (!ready)
        for (const waiting of [...this.queues.publish.splice(0), ...this.queues.download.splice(0)])
          waiting.reject(error);
      this.dispatch();
    };
  }

  private stop(slot: Slot): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.worker?.terminate();
    slot.worker = null;
    slot.ready = false;
    slot.job = null;
    slot.watchdog = null;
  }
}
