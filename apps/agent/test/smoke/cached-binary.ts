import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Glob } from "bun";
import { compile, executableName, type Target } from "../../scripts/compile.ts";

const ROOT = join(import.meta.dir, "..", "..", "..", "..");
export const CACHE = join(import.meta.dir, "..", "..", ".cache");

/** A hash of everything that goes into the executable, so a cached build is reused only while current. */
function sourceHash(target: Target): string {
  const hash = createHash("sha256").update(`${Bun.version}\n${target}\n`);
  for (const dir of [
    "apps/agent/src",
    "apps/agent/package.json",
    "packages/client/src",
    "packages/opendental/src",
    "packages/protocol/src",
  ]) {
    const files = dir.endsWith(".json") ? [dir] : [...new Glob(`${dir}/**/*.ts`).scanSync(ROOT)].sort();
    for (const file of files) hash.update(relative(ROOT, join(ROOT, file))).update(readFileSync(join(ROOT, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The compiled `sofia-agent` for `target`, built once per source hash under the git-ignored
 * `apps/agent/.cache/bin`. Smoke tests build only the target they run.
 */
export async function cachedExecutable(target: Target): Promise<string> {
  const dir = join(CACHE, "bin", `${target}-${sourceHash(target)}`);
  const file = join(dir, executableName(target));
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    await compile(target, file, "smoke-test");
  }
  return file;
}

/** Runs a command to completion without blocking the event loop (an in-process hub keeps serving). */
export async function run(argv: string[], env: Record<string, string> = {}, timeoutMs = 60_000) {
  const proc = Bun.spawn(argv, { stdout: "pipe", stderr: "pipe", env: { ...process.env, ...env } });
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}
