import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { OfficeClock } from "../clock.ts";
import { createTables } from "./ddl.ts";
import type { SqlDriver } from "./driver.ts";
import { openMariaDbDriver } from "./mariadb-driver.ts";
import { SqlStore } from "./sql-store.ts";
import { openSqliteDriver } from "./sqlite-driver.ts";
import type { OdStore } from "./store.ts";

/** Where the sandbox keeps its data when `--db` is not given. */
export const DEFAULT_DB = "./data/od-sandbox.sqlite";

/**
 * Opens the store a `--db` value names: a `mysql://` (or `mariadb://`) URL for MariaDB, anything
 * else a SQLite file path. Creates Open Dental's tables when they are missing.
 */
export async function openStore(db: string, clock: OfficeClock): Promise<OdStore> {
  let driver: SqlDriver;
  if (/^(mysql|mariadb):\/\//i.test(db)) {
    driver = await openMariaDbDriver(db.replace(/^mariadb:/i, "mysql:"));
  } else {
    const path = db === ":memory:" ? db : resolve(db);
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    driver = openSqliteDriver(path);
  }
  await createTables(driver);
  return new SqlStore(driver, clock);
}

/** A `--db` value safe to print: a MariaDB URL loses its password. */
export function describeDb(db: string): string {
  if (!/^(mysql|mariadb):\/\//i.test(db)) return db;
  const url = new URL(db);
  if (url.password) url.password = "***";
  return url.toString();
}
