// Runs a TypeScript entry point with the Bun that `npm install` put in node_modules (package
// `bun`), from Node. The workspace's programs are Bun programs, but the `bin` links npm creates
// (node_modules/.bin/sofia-hub, `npx sofia-hub`) start with Node: a `#!/usr/bin/env bun` line
// fails on a machine with Node and npm only, which is all the README asks for.
"use strict";
const { spawn } = require("node:child_process");
const { dirname, join } = require("node:path");

/** The installed Bun executable, or plain `bun` (from PATH) when the package is not installed. */
function bunExecutable(from) {
  try {
    const pkg = require.resolve("bun/package.json", { paths: [from] });
    // The package's postinstall puts the platform's binary at bin/bun.exe on every OS.
    return join(dirname(pkg), "bin", "bun.exe");
  } catch {
    return "bun";
  }
}

/** Runs `entry` with Bun and the same arguments, forwards signals, and exits as it exits. */
module.exports = function runWithBun(entry) {
  const child = spawn(bunExecutable(dirname(entry)), [entry, ...process.argv.slice(2)], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("error", (error) => {
    console.error(`cannot start Bun to run ${entry}: ${error.message} (run npm install first)`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
};
