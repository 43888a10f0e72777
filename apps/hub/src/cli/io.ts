import type { CliIo } from "@sofia/cli";
import { databasePath, resolveDataDir } from "../config.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { HubStore } from "../store/store.ts";

export { type CliIo, ExitCode, processIo } from "@sofia/cli";

/**
 * Opens the store of the data directory a command names, and closes it when `fn` is done. Commands
 * run the store on their own thread, each write a short transaction of its own: a running hub
 * that meets the lock retries without blocking, and the command waits its turn (up to 5 s). They
 * open the file directly rather than asking the hub, so an operator can still create a doctor or
 * revoke a key while the hub is down.
 */
export async function withStore<T>(
  dataDirFlag: string | undefined,
  io: CliIo,
  fn: (store: HubStore, dataDir: string) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  const store = await openSqliteStore(databasePath(dataDir), { thread: "inline" });
  try {
    return await fn(store, dataDir);
  } finally {
    await store.close();
  }
}
