import { join } from "node:path";

/** The platforms `sofia-agent` ships for, as Bun's `--target` names them (without `bun-`). */
export const TARGETS = ["windows-x64", "linux-x64", "linux-arm64", "darwin-arm64", "darwin-x64"] as const;
export type Target = (typeof TARGETS)[number];

const ROOT = join(import.meta.dir, "..", "..", "..");
export const ENTRY = join(ROOT, "apps", "agent", "src", "main.ts");

/** `sofia-agent-linux-x64`, `sofia-agent-windows-x64.exe`, … */
export function executableName(target: Target): string {
  return `sofia-agent-${target}${target.startsWith("windows") ? ".exe" : ""}`;
}

/** The short commit of the checkout, or `unknown` outside git. */
export async function currentCommit(): Promise<string> {
  const proc = Bun.spawn(["git", "rev-parse", "--short=12", "HEAD"], { cwd: ROOT, stdout: "pipe", stderr: "ignore" });
  const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  return code === 0 ? out.trim() : "unknown";
}

/**
 * Compiles one self-contained executable with `bun build --compile`. Bun fetches the runtime of a
 * foreign target from the npm registry (package `@oven/bun-<target>`) the first time.
 */
export async function compile(target: Target, outfile: string, commit: string): Promise<{ ms: number; log: string }> {
  const started = performance.now();
  const proc = Bun.spawn(
    [
      process.execPath,
      "build",
      "--compile",
      "--minify",
      `--target=bun-${target}`,
      "--define",
      `SOFIA_AGENT_COMMIT=${JSON.stringify(commit)}`,
      "--outfile",
      outfile,
      ENTRY,
    ],
    { cwd: ROOT, stdout: "pipe", stderr: "pipe" },
  );
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`bun build --compile for ${target} failed (${code}):\n${out}${err}`);
  return { ms: Math.round(performance.now() - started), log: `${out}${err}` };
}
