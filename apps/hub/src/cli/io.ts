import type { CliIo } from "@sofia/cli";
import { databasePath, resolveDataDir } from "../config.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { HubStore } from "../store/store.ts";

export { type CliIo, ExitCode, processIo } from "@sofia/cli";

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
