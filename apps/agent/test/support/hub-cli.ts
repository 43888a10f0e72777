import { join } from "node:path";

const HUB_MAIN = join(import.meta.dir, "../../../hub/src/main.ts");

/**
 * Runs the real `sofia-hub` CLI as a child process without blocking this process's event loop
 * (an in-process hub or agent keeps serving meanwhile), and parses its `--json` output.
 */
export async function hubCli(args: string[]): Promise<Record<string, unknown>> {
  const proc = Bun.spawn([process.execPath, HUB_MAIN, ...args, "--json"], { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`sofia-hub ${args.join(" ")} failed (${code}): ${err}`);
  const parsed: unknown = JSON.parse(out);
  if (typeof parsed !== "object" || parsed === null) throw new Error(out);
  return Object.fromEntries(Object.entries(parsed));
}

/** Issues an enrollment code with the real hub CLI, as an operator would. */
export async function enrollmentCode(dataDir: string, doctor: string, clinic: string): Promise<string> {
  const answer = await hubCli(["agents", "enroll", "--clinic", clinic, "--doctor", doctor, "--data-dir", dataDir]);
  return String(answer.code);
}
