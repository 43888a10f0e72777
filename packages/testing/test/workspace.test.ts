import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { needProgram } from "../src/need.ts";

const ROOT = join(import.meta.dir, "..", "..", "..");
const node = needProgram("Node.js", ["node"], "Node.js 20+, which npm needs anyway");

const Lock = z.object({
  packages: z.record(
    z.string(),
    z.object({ optionalDependencies: z.record(z.string(), z.string()).optional() }).loose(),
  ),
});

describe("a fresh clone installs as committed", () => {
  test("the lockfile lists every platform's optional binaries, so npm install does not rewrite it", () => {
    // npm records every optional dependency of a locked package (each platform's binary of
    // Biome, Bun…), whichever platform installs. A lockfile pruned to one platform is rewritten
    // by the next `npm install` on a clean checkout.
    const lock = Lock.parse(JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")));
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const here = `${path ? `${path}/` : ""}node_modules/${name}`;
        if (!(here in lock.packages) && !(`node_modules/${name}` in lock.packages))
          missing.push(`${name} (of ${path})`);
      }
    }
    expect(missing).toEqual([]);
  });

  describe.skipIf(node.skip)("the programs' npm links run with only Node on PATH", () => {
    // No bun on PATH: what a machine with only Node and npm has (the README's promise).
    const env = { PATH: `${dirname(node.path)}:/usr/bin:/bin`, HOME: process.env.HOME ?? "/tmp" };
    test.each([
      ["sofia-hub", ["--version"], 0, /^0\.1\.0$/],
      ["sofia-agent", ["--version"], 0, /^sofia-agent 0\.1\.0 \(commit \w+\)$/],
      ["od-sandbox", ["--help"], 0, /^od-sandbox/],
      ["sofia-hub", ["frobnicate"], 2, /^$/],
    ] as const)("%s %p exits %d", (name, args, code, stdout) => {
      node.check();
      const run = Bun.spawnSync([node.path, join(ROOT, "node_modules", ".bin", name), ...args], { env, cwd: ROOT });
      expect(run.exitCode).toBe(code);
      expect(run.stdout.toString().trim()).toMatch(stdout);
    });
  });
});
