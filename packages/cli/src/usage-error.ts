/** A mistake in how a command was called: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Whether `error` is `node:util` parseArgs refusing an option (its TypeErrors carry an ERR_PARSE_ARGS code). */
export function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

/** Whether `error` means the command was called wrongly: a {@link UsageError} or a parseArgs refusal. */
export function isUsageMistake(error: unknown): error is Error {
  return error instanceof UsageError || isParseArgsError(error);
}
