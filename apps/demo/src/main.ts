#!/usr/bin/env bun
import { banner } from "./banner.ts";
import { parseStartArgs, START_HELP } from "./options.ts";
import { program } from "./programs.ts";
import { startStack } from "./stack.ts";

// `npm start`: the hub, the Open Dental sandbox and an enrolled agent, supervised together until
// Ctrl-C or SIGTERM, which stop all three (each ends cleanly on SIGTERM).
const stopRequested = new Promise<string>((resolve) => {
  process.once("SIGINT", () => resolve("SIGINT"));
  process.once("SIGTERM", () => resolve("SIGTERM"));
});
let parsed: ReturnType<typeof parseStartArgs>;
try {
  parsed = parseStartArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}\n\n${START_HELP}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(START_HELP);
  process.exit(0);
}
if (parsed.hubOnly) process.exit(await hubOnly(parsed.options.dataDir));

let stack: Awaited<ReturnType<typeof startStack>>;
try {
  stack = await Promise.race([
    startStack(parsed.options, (line) => console.log(line)),
    stopRequested.then(() => Promise.reject(new Error("stopped during start-up"))),
  ]);
} catch (error) {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(banner(stack));
const ended = await Promise.race([stopRequested.then(() => null), stack.anyExited]);
if (ended) console.error(`npm start: ${ended.name} stopped on its own. Its last lines:\n${ended.lastLines()}`);
console.log("Stopping the agent, the sandbox and the hub…");
await stack.stop();
console.log("Stopped.");
process.exit(ended ? 1 : 0);

/** `--hub-only`: today's `sofia-hub serve --demo`, in the foreground, its output on this terminal. */
async function hubOnly(dataDir: string): Promise<number> {
  const args = ["serve", "--demo", ...(dataDir === "./data" ? [] : ["--data-dir", dataDir])];
  const hub = Bun.spawn(program("hub", args), { stdio: ["inherit", "inherit", "inherit"] });
  void stopRequested.then(() => hub.kill("SIGTERM"));
  return hub.exited;
}
