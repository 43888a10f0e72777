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

/** Exit codes every Sofia command-line program uses (a program may add its own above 2). */
export const ExitCode = {
  OK: 0,
  /** The command was understood but could not be done (not found, already exists, cannot open). */
  FAILED: 1,
  /** The command was called wrongly (unknown option, missing argument). */
  USAGE: 2,
} as const;
