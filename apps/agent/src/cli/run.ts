import { commandHelp, fullHelp, isUsageMistake, wantsHelp } from "@sofia/cli";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { resolvePaths } from "../paths.ts";
import { VERSION_LINE } from "../version.ts";
import { takeDirOptions } from "./args.ts";
import { configCommand } from "./config-cmd.ts";
import { enrollCommand } from "./enroll.ts";
import { serviceCommand } from "./install-cmd.ts";
import type { AgentIo } from "./io.ts";
import { logsCommand } from "./logs-cmd.ts";
import { openDentalCommand } from "./opendental-cmd.ts";
import { runCommand } from "./run-cmd.ts";
import { selectPatientCommand } from "./select-patient.ts";
import { statusCommand } from "./status-cmd.ts";
import { HELP } from "./usage.ts";

/** Runs one `sofia-agent` command and returns its exit code. Every mistake gets a message. */
export async function runCli(argv: string[], io: AgentIo): Promise<number> {
  try {
    const split = takeDirOptions(argv);
    const env = { ...io.env, ...split.dirs };
    const withEnv = { ...io, env };
    const [command, ...rest] = split.argv;
    if (command === "help" || command === "--help" || command === "-h") {
      const topic = command === "help" ? rest[0] : undefined;
      return printHelp(topic, io);
    }
    if (command !== undefined && wantsHelp(rest)) return printHelp(command, io);
    const paths = resolvePaths(env, io.platform);
    switch (command) {
      case "--version":
      case "version":
        io.out(VERSION_LINE);
        return ExitCode.OK;
      case "run":
        return await runCommand(rest, withEnv, paths);
      case "enroll":
        return await enrollCommand(rest, withEnv, paths);
      case "config":
        return configCommand(rest, withEnv, paths);
      case "status":
        return await statusCommand(rest, withEnv, paths);
      case "logs":
        return await logsCommand(rest, withEnv, paths);
      case "install":
      case "uninstall":
        return await serviceCommand(command, rest, withEnv, paths);
      case "opendental":
        return await openDentalCommand(rest, withEnv, paths);
      case "select-patient":
        return await selectPatientCommand(rest, withEnv, paths);
      default:
        io.err(command ? `unknown command "${command}"\n\n${fullHelp(HELP)}` : fullHelp(HELP));
        return ExitCode.USAGE;
    }
  } catch (error) {
    if (isUsageMistake(error)) {
      io.err(`sofia-agent: ${error.message}\nRun "sofia-agent --help" for usage.`);
      return ExitCode.USAGE;
    }
    if (error instanceof AgentError) {
      io.err(`sofia-agent: ${error.message}`);
      return error.exitCode;
    }
    const code = error && typeof error === "object" && "code" in error ? String(error.code) : "";
    if (code === "EACCES" || code === "EPERM") {
      io.err(
        `sofia-agent: permission denied (${error instanceof Error ? error.message : code}). Run it as administrator (sudo).`,
      );
      return ExitCode.NOT_PERMITTED;
    }
    io.err(`sofia-agent: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.FAILED;
  }
}

/** `--help`, `help COMMAND` and `COMMAND --help`. */
function printHelp(topic: string | undefined, io: AgentIo): number {
  if (topic === undefined) {
    io.out(fullHelp(HELP));
    return ExitCode.OK;
  }
  const text = commandHelp(HELP, topic);
  if (text === null) {
    io.err(`unknown command "${topic}"\n\n${fullHelp(HELP)}`);
    return ExitCode.USAGE;
  }
  io.out(text);
  return ExitCode.OK;
}
