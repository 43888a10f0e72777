import { join } from "node:path";
import { readUntil } from "@sofia/testing";
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
  let stdout: string;
  try {
    stdout = await readUntil(proc.stdout, waitFor);
    if (!/listening on (http:\/\/\S+)/.test(stdout))
      stdout += await readUntil(proc.stdout, /listening on (http:\/\/\S+)/);
  } catch (error) {
    throw new Error(`hub did not start: ${String(error)}\n${await new Response(proc.stderr).text()}`);
  }
  const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1] ?? "";
  return { proc, url, stdout };
}
