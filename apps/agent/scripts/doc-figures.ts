import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { compile, currentCommit, executableName, TARGETS } from "./compile.ts";

/**
 * `npm run -s docs:agent-figures`: builds every target twice (the first build of a foreign target
 * also fetches Bun's runtime for it from the npm registry), and writes the executables' sizes and
 * the second build's time into docs/agent.md between its `build-figures` markers. The figures in
 * the docs come from a build, never from typing.
 */
export function replaceBlock(doc: string, block: string): string {
  const begin = "<!-- build-figures:begin (npm run -s docs:agent-figures) -->";
  const end = "<!-- build-figures:end -->";
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error("docs/agent.md has no build-figures markers");
  return `${doc.slice(0, from + begin.length)}\n${block}\n${doc.slice(to)}`;
}

const PLATFORM: Record<(typeof TARGETS)[number], string> = {
  "windows-x64": "Windows 10/11, Windows Server 2019+",
  "linux-x64": "Linux on Intel/AMD (glibc)",
  "linux-arm64": "Linux on ARM (glibc)",
  "darwin-arm64": "macOS on Apple silicon",
  "darwin-x64": "macOS on Intel",
};

if (import.meta.main) {
  const root = join(import.meta.dir, "..", "..", "..");
  const docFile = join(root, "docs", "agent.md");
  const out = mkdtempSync(join(tmpdir(), "sofia-agent-figures-"));
  const commit = await currentCommit();
  const rows: string[] = [];
  try {
    for (const target of TARGETS) {
      const file = join(out, executableName(target));
      await compile(target, file, commit); // warm: fetches the foreign runtime once
      const { ms } = await compile(target, file, commit);
      const bytes = statSync(file).size;
      rows.push(
        `| \`${executableName(target)}\` | ${PLATFORM[target]} | ${bytes.toLocaleString("en-US")} | ${(ms / 1000).toFixed(1)} s |`,
      );
      console.log(`${target}: ${bytes} bytes, ${ms} ms`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const block = [
    "| File | For | Size (bytes) | Build time |",
    "| ---- | --- | -----------: | ---------: |",
    ...rows,
    "",
    `Measured by \`npm run -s docs:agent-figures\` at commit ${commit} with Bun ${Bun.version}, on a machine with ${availableParallelism()} cores (the build time is a rebuild once Bun's runtime for the target is cached; the first build of a foreign target also downloads it from the npm registry).`,
  ].join("\n");
  writeFileSync(docFile, replaceBlock(readFileSync(docFile, "utf8"), block));
  console.log(`updated ${docFile}`);
}
