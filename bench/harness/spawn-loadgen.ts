/**
 * Runs the load generator as a child process and speaks its line protocol: `onReady` is called
 * when it says `ready` (the harness measures, kills, restarts) and returns the command to send
 * back; the promise resolves with its `result`. Every run is bounded: a generator that has not
 * finished within `timeoutMs` is killed and the run fails.
 */
import { join } from "node:path";
import type { LoadJob } from "./loadgen.ts";

/** A load generator's result: its figures, and `loadgenCpu` (its CPU time over wall time, 1 = one core). */
export type LoadResult = Record<string, unknown> & { loadgenCpu?: number };

export async function runLoadgen(
  job: LoadJob,
  onReady: (message: Record<string, unknown>) => Promise<string> = async () => "close",
  timeoutMs = 180_000,
): Promise<LoadResult> {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "loadgen.ts"), JSON.stringify(job)], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const stderr = new Response(proc.stderr).text();
  try {
    let result: LoadResult | null = null;
    let buffered = "";
    const decoder = new TextDecoder();
    for await (const chunk of proc.stdout) {
      buffered += decoder.decode(chunk, { stream: true });
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const message: unknown = JSON.parse(line);
        if (typeof message !== "object" || message === null || !("event" in message)) continue;
        if (message.event === "ready") {
          proc.stdin.write(`${await onReady({ ...message })}\n`);
          proc.stdin.flush();
        } else if (message.event === "result") result = { ...message };
      }
    }
    await proc.exited;
    if (!result) throw new Error(`load generator ${job.job} gave no result (exit ${proc.exitCode}): ${await stderr}`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}
