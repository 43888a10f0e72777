import { parseArgs } from "node:util";
import { UsageError } from "@sofia/cli";

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/**
 * `node:util` parseArgs, strict, with at most `positionals` positional arguments. Its own
 * refusals (unknown option, missing value) are usage mistakes `@sofia/cli` recognises.
 */
export function parse<T extends Options>(args: string[], options: T, positionals = 0) {
  const parsed = parseArgs({ args, options, allowPositionals: positionals > 0, strict: true });
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
  }
  return parsed;
}

/** The global options that say where the agent's files are, as the environment variables they stand for. */
const DIR_OPTIONS = {
  "--home": "SOFIA_AGENT_HOME",
  "--config-dir": "SOFIA_AGENT_CONFIG_DIR",
  "--state-dir": "SOFIA_AGENT_STATE_DIR",
} as const;

/**
 * Splits the global `--home DIR`, `--config-dir DIR` and `--state-dir DIR` off the arguments and
 * returns them as the `SOFIA_AGENT_*` variables they override, so the rest of the agent reads one
 * source.
 */
export function takeDirOptions(argv: string[]): { argv: string[]; dirs: Record<string, string> } {
  const rest: string[] = [];
  const dirs: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const variable =
      flag !== undefined && Object.hasOwn(DIR_OPTIONS, flag) ? DIR_OPTIONS[flag as keyof typeof DIR_OPTIONS] : null;
    if (variable === null) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (!value) throw new UsageError(`${flag} needs a directory`);
    dirs[variable] = value;
  }
  return { argv: rest, dirs };
}
