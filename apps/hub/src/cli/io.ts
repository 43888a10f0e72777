import { databasePath, resolveDataDir } from "../config.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { HubStore } from "../store/store.ts";

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

/** Exit codes of every `sofia-hub` command. */
export const ExitCode = {
  OK: 0,
  /** The command was understood but could not be done (not found, already exists). */
  FAILED: 1,
  /** The command was called wrongly (unknown option, missing argument). */
  USAGE: 2,
} as const;

/** Opens the store of the data directory a command names, and closes it when `fn` is done. */
export async function withStore<T>(
  dataDirFlag: string | undefined,
  io: CliIo,
  fn: (store: HubStore, dataDir: string) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  const store = openSqliteStore(databasePath(dataDir));
  try {
    return await fn(store, dataDir);
  } finally {
    await store.close();
  }
}
