import { Glob } from "bun";

// Typechecks every tsconfig.json of the workspace (each runtime has its own), like `tsc -b`
// would, but reports every project's errors instead of stopping at the first.
const projects = [...new Glob("{packages,apps}/*/tsconfig*.json").scanSync(".")].sort();
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
