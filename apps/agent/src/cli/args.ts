import { parseArgs } from "node:util";
import { AgentError, ExitCode } from "../exit-codes.ts";

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** `node:util` parseArgs, with its errors turned into usage errors people can read. */
export function parse<T extends Options>(args: string[], options: T, positionals = 0) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length > positionals) {
      throw new AgentError(`unexpected argument "${parsed.positionals[positionals]}"`, ExitCode.USAGE);
    }
    return parsed;
  } catch (error) {
    if (error instanceof AgentError) throw error;
    throw new AgentError(error instanceof Error ? error.message : String(error), ExitCode.USAGE);
  }
}

/** Splits the global `--home DIR` off the arguments. */
export function takeHome(argv: string[]): { argv: string[]; home: string | null } {
  const rest: string[] = [];
  let home: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--home") {
      home = argv[++i] ?? null;
      if (!home) throw new AgentError("--home needs a directory", ExitCode.USAGE);
    } else if (arg.startsWith("--home=")) home = arg.slice("--home=".length);
    else rest.push(arg);
  }
  return { argv: rest, home };
}
