import { type CliIo, ExitCode, isUsageMistake } from "@sofia/cli";
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
    if (isUsageMistake(error)) {
      io.err(`${error.message}\nRun "od-sandbox --help" for usage.`);
      return ExitCode.USAGE;
    }
    io.err(`od-sandbox: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.FAILED;
  }
}
