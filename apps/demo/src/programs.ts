import { join, resolve } from "node:path";

/** The repository's root, where the three programs' sources are. */
const ROOT = resolve(import.meta.dir, "../../..");

/** The command line that runs one of the repository's programs with the Bun that runs this launcher. */
export function program(name: "hub" | "agent" | "od-sandbox", args: string[]): string[] {
  const main = {
    hub: "apps/hub/src/main.ts",
    agent: "apps/agent/src/main.ts",
    "od-sandbox": "apps/od-sandbox/src/main.ts",
  }[name];
  return [process.execPath, join(ROOT, main), ...args];
}

/** The result of a one-shot command. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a one-shot command (an enrollment, `opendental connect`…) to its end. `check` makes a
 * failure an error that shows the command and what it printed.
 */
export async function run(argv: string[], env: Record<string, string | undefined>, check = true): Promise<Ran> {
  const child = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe", env });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (check && code !== 0) {
    const shown = argv.slice(1).map((a) => (a.startsWith(ROOT) ? a.slice(ROOT.length + 1) : a));
    throw new Error(`${shown.join(" ")} exited ${code}: ${(stderr || stdout).trim().slice(0, 2000)}`);
  }
  return { code, stdout, stderr };
}
