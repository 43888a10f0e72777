/**
 * The render worker: runs render jobs off the hub's event loop, so the pool can stop one that
 * overruns its time budget by terminating this thread.
 */
import { type RenderRequest, runRenderJob } from "./render-job.ts";

declare const self: Worker;

self.onmessage = async (event: MessageEvent<RenderRequest>) => {
  self.postMessage(await runRenderJob(event.data));
};
