import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import type { ServicePlan } from "./plan.ts";

/** Runs a command and reports its exit code and output. Injected so tests record instead of run. */
export type CommandRunner = (argv: string[]) => Promise<{ code: number; output: string }>;

/** Runs commands for real, without a shell (no quoting surprises). */
export const spawnRunner: CommandRunner = async (argv) => {
  try {
    const proc = Bun.spawn(argv, { stdout: "pipe", stderr: "pipe", stdin: "ignore" });
    const [out, err, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    return { code, output: `${out}${err}`.trim() };
  } catch (error) {
    return { code: 127, output: `cannot run ${argv[0]}: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/**
 * Carries out a plan, saying what it did line by line. Idempotent: identical files are left alone,
 * missing files to remove are fine, and commands marked `mayFail` only undo what may not exist.
 * Returns `false` at the first command that fails for real.
 */
export async function executePlan(
  plan: ServicePlan,
  run: CommandRunner,
  say: (line: string) => void,
): Promise<boolean> {
  if (plan.copy && plan.copy.from !== plan.copy.to) {
    const { from, to } = plan.copy;
    if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) say(`${to} is already this version`);
    else {
      mkdirSync(dirname(to), { recursive: true });
      // A running executable cannot be overwritten on Windows but can be renamed out of the way.
      if (existsSync(to)) renameSync(to, `${to}.old`);
      copyFileSync(from, `${to}.new`);
      chmodSync(`${to}.new`, 0o755);
      renameSync(`${to}.new`, to);
      rmSync(`${to}.old`, { force: true });
      say(`copied ${from} to ${to}`);
    }
  }
  for (const file of plan.files) {
    const bytes = typeof file.content === "string" ? Buffer.from(file.content) : Buffer.from(file.content);
    if (existsSync(file.path) && readFileSync(file.path).equals(bytes)) say(`${file.path} is up to date`);
    else {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, bytes, { mode: file.mode });
      chmodSync(file.path, file.mode);
      say(`wrote ${file.path}`);
    }
  }
  for (const path of plan.remove) {
    if (existsSync(path)) {
      rmSync(path, { force: true });
      say(`removed ${path}`);
    } else say(`${path} was not there`);
  }
  for (const command of plan.commands) {
    const result = await run(command.argv);
    const line = command.argv.join(" ");
    if (result.code === 0) say(`ran: ${line}  (${command.why})`);
    else if (command.mayFail) say(`ran: ${line}  (nothing to undo: exit ${result.code})`);
    else {
      say(`FAILED: ${line}  (exit ${result.code})${result.output ? `\n${result.output}` : ""}`);
      return false;
    }
  }
  return true;
}
