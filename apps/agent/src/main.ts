#!/usr/bin/env bun
import { runCli } from "./cli/run.ts";
import { spawnRunner } from "./service/execute.ts";

// Entry point of the sofia-agent executable. A compiled executable's modules live in Bun's
// embedded file system (/$bunfs/… on Unix, B:\~BUN\… on Windows).
const compiled = /\$bunfs|~BUN/.test(import.meta.path);
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  fetch,
  platform: process.platform,
  run: spawnRunner,
  isAdmin: () => (process.platform === "win32" ? isWindowsAdmin() : process.getuid?.() === 0),
  self: { execPath: process.execPath, scriptPath: import.meta.path, compiled },
});
process.exit(code);

/** `net session` succeeds only in an elevated prompt: the usual test for administrator rights. */
function isWindowsAdmin(): boolean {
  return Bun.spawnSync(["net", "session"], { stdout: "ignore", stderr: "ignore" }).exitCode === 0;
}
