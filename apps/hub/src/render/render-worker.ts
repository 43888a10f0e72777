/**
 * The render worker: runs render jobs off the hub's event loop, so the pool can stop one that
 * overruns by terminating this thread. It says when it is ready (its modules loaded), so starting
 * a thread is never counted against a job, and measures each job's CPU time on this thread alone,
 * so time spent waiting for a core is not counted either.
 */
import { type RenderRequest, runRenderJob, WORKER_READY } from "./render-job.ts";

declare const self: Worker;

self.onmessage = async (event: MessageEvent<RenderRequest>) => {
  const before = process.threadCpuUsage();
  const response = await runRenderJob(event.data);
  const used = process.threadCpuUsage(before);
  self.postMessage({ ...response, cpuMs: (used.user + used.system) / 1000 });
};
self.postMessage(WORKER_READY);
