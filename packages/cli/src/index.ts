/** @sofia/cli: what the hub's and the sandbox's command-line programs share. */
export { type CliIo, ExitCode, processIo } from "./io.ts";
export { isUsageMistake, UsageError } from "./usage-error.ts";
