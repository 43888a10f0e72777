import { join } from "node:path";

const MAIN = join(import.meta.dir, "..", "..", "src", "main.ts");

/** What a `sofia-hub` run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Returns a runner of the real `sofia-hub` entry point, in a child process, on one data directory. */
export function hubCli(dataDir: string): (...args: string[]) => CliRun {
  return (...args) => {
    const proc = Bun.spawnSync([process.execPath, MAIN, ...args, "--data-dir", dataDir], {
      env: { ...process.env, SOFIA_DATA_DIR: "" },
    });
    return { code: proc.exitCode, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
  };
}
