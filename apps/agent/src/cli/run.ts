import { AgentError, ExitCode } from "../exit-codes.ts";
import { resolvePaths } from "../paths.ts";
import { VERSION_LINE } from "../version.ts";
import { takeHome } from "./args.ts";
import { configCommand } from "./config-cmd.ts";
import { enrollCommand } from "./enroll.ts";
import { serviceCommand } from "./install-cmd.ts";
import type { CliIo } from "./io.ts";
import { logsCommand } from "./logs-cmd.ts";
import { runCommand } from "./run-cmd.ts";
import { statusCommand } from "./status-cmd.ts";
import { USAGE } from "./usage.ts";

/** Runs one `sofia-agent` command and returns its exit code. Every mistake gets a message. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const split = takeHome(argv);
    const env = split.home ? { ...io.env, SOFIA_AGENT_HOME: split.home } : io.env;
    const home = env.SOFIA_AGENT_HOME ?? null;
    const paths = resolvePaths(env, io.platform);
    const [command, ...rest] = split.argv;
    const withEnv = { ...io, env };
    switch (command) {
      case "--version":
      case "version":
        io.out(VERSION_LINE);
        return ExitCode.OK;
      case "--help":
      case "-h":
      case "help":
        io.out(USAGE);
        return ExitCode.OK;
      case "run":
        return await runCommand(rest, withEnv, paths);
      case "enroll":
        return await enrollCommand(rest, withEnv, paths);
      case "config":
        return configCommand(rest, withEnv, paths);
      case "status":
        return await statusCommand(rest, withEnv, paths, home);
      case "logs":
        return await logsCommand(rest, withEnv, paths);
      case "install":
      case "uninstall":
        return await serviceCommand(command, rest, withEnv, paths, home);
      default:
        io.err(command ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
        return ExitCode.USAGE;
    }
  } catch (error) {
    if (error instanceof AgentError) {
      io.err(`sofia-agent: ${error.message}`);
      if (error.exitCode === ExitCode.USAGE) io.err('Run "sofia-agent --help" for usage.');
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
