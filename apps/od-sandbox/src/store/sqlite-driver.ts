import { Database } from "bun:sqlite";
import type { RawRow, SqlDriver, SqlValue } from "./driver.ts";

/**
 * SQLite through bun:sqlite. Dates are stored as Open Dental's own text (`yyyy-MM-dd HH:mm:ss`),
 * which sorts and compares correctly as strings. WAL and `busy_timeout` let the CLI (`keys add`)
 * write while a sandbox serves the same file.
 */
export function openSqliteDriver(path: string): SqlDriver {
  const db = new Database(path, { create: true, strict: false });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA busy_timeout = 5000");
  return {
    dialect: "sqlite",
    all: async (sql: string, params: SqlValue[] = []) => db.query(sql).all(...params) as RawRow[],
    run: async (sql: string, params: SqlValue[] = []) => {
      const result = db.query(sql).run(...params);
      return { insertId: Number(result.lastInsertRowid), changes: result.changes };
    },
    close: async () => db.close(),
  };
}
