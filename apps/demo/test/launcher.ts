import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { until } from "@sofia/testing";

const ROOT = resolve(import.meta.dir, "../../..");

/** What `npm start` runs (`bun FILE`), read from package.json so the test runs the same entry point. */
export function startScript(): string[] {
  const { scripts } = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
  const [runtime, ...rest] = String(scripts.start).split(" ");
  if (runtime !== "bun") throw new Error(`npm start runs ${runtime}, not bun`);
  return rest;
}

/** `npm start`'s entry point as a child process, on free ports, its output collected. */
export class Launcher {
  output = "";
  readonly exited: Promise<number>;
  private readonly child: Bun.Subprocess<"ignore", "pipe", "pipe">;

  constructor(args: string[]) {
    this.child = Bun.spawn([process.execPath, ...startScript(), ...args], {
      cwd: ROOT,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      for await (const chunk of stream) this.output += new TextDecoder().decode(chunk);
    };
    const done = Promise.all([collect(this.child.stdout), collect(this.child.stderr)]);
    this.exited = this.child.exited.then(async (code) => {
      await done;
      return code;
    });
  }

  /** Waits until the banner is printed (or the launcher exits, which fails with its output). */
  async banner(timeoutMs = 60_000): Promise<string> {
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    await until("the banner", () => exited || this.output.includes("Ctrl-C stops all three"), { timeoutMs });
    if (exited) throw new Error(`npm start exited:\n${this.output}`);
    return this.output;
  }

  signal(name: "SIGINT" | "SIGTERM"): void {
    this.child.kill(name);
  }
}

/** The curl line printed under step `n` of the banner, read back into what it sends. */
export function curlOf(banner: string, n: number): { url: string; headers: Record<string, string>; body?: string } {
  const lines = banner.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`${n}. `));
  const line = lines.slice(at + 1).find((l) => l.trim().startsWith("curl ")) ?? "";
  const headers: Record<string, string> = {};
  for (const [, name, value] of line.matchAll(/-H '([^:]+): ([^']*)'/g)) headers[name ?? ""] = value ?? "";
  const body = /-d '([^']*)'/.exec(line)?.[1];
  const url = /(http:\/\/[^\s']+)/.exec(line.replace(/-H '[^']*'/g, ""))?.[1] ?? "";
  return { url, headers, ...(body !== undefined ? { body } : {}) };
}

/** Whether process `pid` still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
