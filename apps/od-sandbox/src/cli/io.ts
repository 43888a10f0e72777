/** Where a command writes and what it reads from its environment, injectable for tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** The process's own stdout, stderr and environment. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};

/** Exit codes of every `od-sandbox` command. */
export const ExitCode = {
  OK: 0,
  /** Understood but not possible (a key that does not exist, a database that cannot be opened). */
  FAILED: 1,
  /** Called wrongly (unknown option, missing argument). */
  USAGE: 2,
} as const;

/** A command called wrongly; its message is shown with a pointer to `--help`. */
export class UsageError extends Error {}
