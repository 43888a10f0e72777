import { join } from "node:path";
import type { Subprocess } from "bun";

const MAIN = join(import.meta.dir, "..", "..", "src", "main.ts");

/** A real `sofia-hub serve` child process. */
export interface HubProcess {
  proc: Subprocess<"ignore", "pipe", "pipe">;
  url: string;
  /** Everything printed on stdout up to and including the listening line (and the demo banner). */
  stdout: string;
}

/** Runs the real `sofia-hub` entry point with `args` to completion. */
export function runHubCli(args: string[]) {
  const proc = Bun.spawnSync([process.execPath, MAIN, ...args]);
  return { code: proc.exitCode, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
}

/**
 * Starts `sofia-hub serve` (on a free port unless `args` names one: the last `--port` wins) and
 * waits until it listens and has printed `waitFor`. `env` is added to this process's environment.
 */
export async function spawnHub(
  args: string[],
  waitFor = /listening on (http:\/\/\S+)/,
  env: Record<string, string> = {},
): Promise<HubProcess> {
  const proc = Bun.spawn([process.execPath, MAIN, "serve", "--port", "0", "--host", "127.0.0.1", ...args], {
    env: { ...process.env, ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const reader = proc.stdout.getReader();
  let stdout = "";
  const deadline = Date.now() + 10_000;
  while (!(waitFor.test(stdout) && /listening on (http:\/\/\S+)/.test(stdout))) {
    if (Date.now() > deadline) throw new Error(`hub did not start:\n${stdout}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`hub exited before listening:\n${stdout}\n${await new Response(proc.stderr).text()}`);
    stdout += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1] ?? "";
  return { proc, url, stdout };
}
