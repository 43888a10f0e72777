import { commandHelp, isUsageMistake, wantsHelp } from "@sofia/cli";
import { AlreadyExistsError } from "../store/store.ts";
import { VERSION } from "../version.ts";
import { agentsCommand } from "./agents.ts";
import { clinicsCommand } from "./clinics.ts";
import { doctorsCommand } from "./doctors.ts";
import { type CliIo, ExitCode } from "./io.ts";
import { keysCommand } from "./keys.ts";
import { reportsCommand } from "./reports.ts";
import { serveCommand } from "./serve.ts";
import { tokensCommand } from "./tokens.ts";
import { HELP, USAGE } from "./usage.ts";

/** Runs one `sofia-hub` command and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  // `sofia-hub agents enroll --help`, `sofia-hub help agents`: that command's part of the help.
  const topic = command === "help" ? sub : command !== undefined && wantsHelp(argv.slice(1)) ? command : undefined;
  if (topic !== undefined) {
    const text = commandHelp(HELP, topic);
    if (text === null) {
      io.err(`unknown command "${topic}"\n\n${USAGE}`);
      return ExitCode.USAGE;
    }
    io.out(text);
    return ExitCode.OK;
  }
  try {
    switch (command) {
      case "serve":
        return await serveCommand(argv.slice(1), io);
      case "doctors":
        return await doctorsCommand(sub, rest, io);
      case "keys":
        return await keysCommand(sub, rest, io);
      case "tokens":
        return await tokensCommand(sub, rest, io);
      case "agents":
        return await agentsCommand(sub, rest, io);
      case "clinics":
        return await clinicsCommand(sub, rest, io);
      case "reports":
        return await reportsCommand(sub, rest, io);
      case "--version":
      case "version":
        io.out(VERSION);
        return ExitCode.OK;
      case "--help":
      case "help":
        io.out(USAGE);
        return ExitCode.OK;
      default:
        io.err(command ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
        return ExitCode.USAGE;
    }
  } catch (error) {
    if (error instanceof AlreadyExistsError) {
      io.err(`${error.message}.`);
      return ExitCode.FAILED;
    }
    if (isUsageMistake(error)) {
      io.err(`${error.message}\nRun "sofia-hub --help" for usage.`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}
