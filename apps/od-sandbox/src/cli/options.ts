import { parseArgs } from "node:util";
import { type CliIo, UsageError } from "@sofia/cli";
import { DEFAULT_DB } from "../store/open.ts";

/** Parses a command's options strictly: unknown options and stray arguments are usage errors. */
export function parseOptions<O extends Record<string, { type: "string" | "boolean" }>>(args: string[], options: O) {
  return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
}

/** The `--db` value, else `OD_SANDBOX_DB`, else the SQLite file under ./data. */
export function dbOption(flag: string | undefined, io: CliIo): string {
  return flag ?? io.env.OD_SANDBOX_DB ?? DEFAULT_DB;
}

/** A value that must be given. */
export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

export { parsePort } from "@sofia/cli";
