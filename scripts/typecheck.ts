import { Glob } from "bun";

// Typechecks every tsconfig.json of the workspace (each runtime has its own), like `tsc -b`
// would, but reports every project's errors instead of stopping at the first.
const patterns = ["packages/*/tsconfig*.json", "apps/*/tsconfig*.json", "bench/tsconfig.json"];
const projects = patterns.flatMap((pattern) => [...new Glob(pattern).scanSync(".")]).sort();
if (projects.length === 0) throw new Error("no tsconfig.json found: run from the repository root");
let failed = 0;
for (const project of projects) {
  const proc = Bun.spawnSync(["node_modules/.bin/tsc", "--noEmit", "-p", project], {
    stdout: "inherit",
    stderr: "inherit",
  });
  console.log(`${proc.exitCode === 0 ? "ok  " : "FAIL"} ${project}`);
  if (proc.exitCode !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
