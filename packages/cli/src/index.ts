/** @sofia/cli: what Sofia's command-line programs (sofia-hub, sofia-agent, od-sandbox) share. */
export { commandHelp, fullHelp, type ProgramHelp, wantsHelp } from "./help.ts";
export { type CliIo, ExitCode, processIo } from "./io.ts";
export { parsePort } from "./port.ts";
export { isUsageMistake, UsageError } from "./usage-error.ts";
