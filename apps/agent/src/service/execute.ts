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
import type { PlanStep, ServicePlan, StepCondition } from "./plan.ts";
import { windowsQuote } from "./windows-task.ts";

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

/** A command line as a person would type it on `platform` (quoted where needed). */
export function commandLine(argv: readonly string[], platform: string): string {
  if (platform === "win32") return argv.map(windowsQuote).join(" ");
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(" ");
}

/** What `--dry-run` prints: every step, in order, with the files' full text. */
export function describePlan(plan: ServicePlan, platform: string): string[] {
  return plan.steps.map((step) => describeStep(step, platform));
}

function describeStep(step: PlanStep, platform: string): string {
  switch (step.kind) {
    case "copy":
      return `would copy ${step.from} to ${step.to}`;
    case "mkdir":
      return `would create ${step.path} (if missing)`;
    case "write":
      return `would write ${step.path}:\n${step.text.trimEnd()}`;
    case "remove":
      return `would remove ${step.path}`;
    case "run": {
      const when = step.onlyIf ? ` — if ${condition(step.onlyIf, platform)}` : "";
      return `would run: ${commandLine(step.argv, platform)}  (${step.why})${when}`;
    }
  }
}

function condition(c: StepCondition, platform: string): string {
  return "exists" in c ? `${c.exists} exists` : `${commandLine(c.succeeds, platform)} succeeds`;
}

/**
 * Carries out a plan step by step, saying what it did. Idempotent: identical files are left alone,
 * missing files to remove are fine, and a command whose condition does not hold is skipped as
 * "nothing to undo". Returns `false` at the first step that fails (its output is shown); later
 * steps are not run, so the service manager and the files never disagree more than they did.
 */
export async function executePlan(
  plan: ServicePlan,
  run: CommandRunner,
  say: (line: string) => void,
  platform: string = process.platform,
): Promise<boolean> {
  for (const step of plan.steps) {
    if (!(await executeStep(step, run, say, platform))) return false;
  }
  return true;
}

async function executeStep(
  step: PlanStep,
  run: CommandRunner,
  say: (line: string) => void,
  platform: string,
): Promise<boolean> {
  switch (step.kind) {
    case "copy": {
      const { from, to } = step;
      if (from === to) return true;
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
      return true;
    }
    case "mkdir":
      if (existsSync(step.path)) return true;
      mkdirSync(step.path, { recursive: true, mode: step.mode });
      say(`created ${step.path}`);
      return true;
    case "write": {
      const bytes = Buffer.from(step.content);
      if (existsSync(step.path) && readFileSync(step.path).equals(bytes)) say(`${step.path} is up to date`);
      else {
        mkdirSync(dirname(step.path), { recursive: true });
        writeFileSync(step.path, bytes, { mode: step.mode });
        chmodSync(step.path, step.mode);
        say(`wrote ${step.path}`);
      }
      return true;
    }
    case "remove":
      if (existsSync(step.path)) {
        rmSync(step.path, { force: true });
        say(`removed ${step.path}`);
      } else say(`${step.path} was not there`);
      return true;
    case "run": {
      const line = commandLine(step.argv, platform);
      if (step.onlyIf && !(await holds(step.onlyIf, run))) {
        say(`skipped: ${line}  (nothing to undo: ${condition(step.onlyIf, platform)} is not the case)`);
        return true;
      }
      const result = await run(step.argv);
      if (result.code === 0) say(`ran: ${line}  (${step.why})`);
      else if (step.tolerated) say(`ran: ${line}  (exit ${result.code}: ${step.tolerated})`);
      else {
        say(`FAILED: ${line}  (exit ${result.code})${result.output ? `\n${result.output}` : ""}`);
        return false;
      }
      return true;
    }
  }
}

async function holds(c: StepCondition, run: CommandRunner): Promise<boolean> {
  return "exists" in c ? existsSync(c.exists) : (await run(c.succeeds)).code === 0;
}
