import { statSync } from "node:fs";
import { join } from "node:path";
import { compile, currentCommit, executableName, TARGETS, type Target } from "./compile.ts";

// `npm run build:agent [-- linux-x64 …]`: one self-contained sofia-agent per target under dist/.
const wanted = process.argv.slice(2);
const unknown = wanted.filter((t) => !TARGETS.some((known) => known === t));
if (unknown.length > 0) {
  console.error(`unknown target ${unknown.join(", ")}; targets: ${TARGETS.join(", ")}`);
  process.exit(2);
}
const targets: readonly Target[] = wanted.length > 0 ? TARGETS.filter((t) => wanted.includes(t)) : TARGETS;
const dist = join(import.meta.dir, "..", "..", "..", "dist");
const commit = await currentCommit();
let failed = 0;
for (const target of targets) {
  const outfile = join(dist, executableName(target));
  try {
    const { ms } = await compile(target, outfile, commit);
    const mib = (statSync(outfile).size / 1024 / 1024).toFixed(1);
    console.log(`ok    ${target.padEnd(13)} ${mib.padStart(6)} MiB  ${(ms / 1000).toFixed(1)} s  ${outfile}`);
  } catch (error) {
    failed++;
    console.error(`FAIL  ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
