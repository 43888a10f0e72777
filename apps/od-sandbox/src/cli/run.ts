import { type CliIo, ExitCode, UsageError } from "./io.ts";
import { keysCommand } from "./keys.ts";
import { serveCommand } from "./serve.ts";
import { USAGE } from "./usage.ts";

/** Runs one `od-sandbox` command and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        return await serveCommand(argv.slice(1), io);
      case "keys":
        return await keysCommand(sub, rest, io);
      case "--help":
      case "help":
        io.out(USAGE);
        return ExitCode.OK;
      default:
        io.err(command ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
        return ExitCode.USAGE;
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`${error instanceof Error ? error.message : String(error)}\nRun "od-sandbox --help" for usage.`);
      return ExitCode.USAGE;
    }
    io.err(`od-sandbox: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.FAILED;
  }
}

// node:util parseArgs throws TypeErrors whose code starts with ERR_PARSE_ARGS for bad options.
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}
