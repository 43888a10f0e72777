import { SQL } from "bun";
import type { RawRow, SqlDriver, SqlValue } from "./driver.ts";

const DB_NAME = /^[A-Za-z0-9_]{1,64}$/;

/**
 * MariaDB (or MySQL) through Bun.SQL. The database named in the URL is created when missing, so
 * `--db mysql://root@127.0.0.1:3306/od_sandbox` works on a fresh server.
 */
export async function openMariaDbDriver(url: string): Promise<SqlDriver> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!DB_NAME.test(name)) throw new Error(`the MariaDB URL must name a database (letters, digits, _): ${url}`);
  const server = new URL(url);
  server.pathname = "/";
  const admin = new SQL(server.toString());
  try {
    await admin.unsafe(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4`);
  } finally {
    await admin.close();
  }
  const sql = new SQL(url);
  return {
    dialect: "mariadb",
    all: async (text: string, params: SqlValue[] = []) => {
      const rows: unknown[] = await sql.unsafe(text, params);
      return rows.map(normaliseRow);
    },
    run: async (text: string, params: SqlValue[] = []) => {
      const result = await sql.unsafe(text, params);
      return { insertId: Number(result.lastInsertRowid ?? 0), changes: Number(result.affectedRows ?? 0) };
    },
    close: async () => sql.close(),
  };
}

// Bun.SQL hands DATE/DATETIME back as JS Dates read as UTC wall-clock values; Open Dental's wire
// format is the wall-clock text itself, so turn them back into text with the UTC getters.
function normaliseRow(row: unknown): RawRow {
  const out: RawRow = {};
  for (const [key, value] of Object.entries(row as RawRow)) {
    out[key] = value instanceof Date ? wallClock(value) : typeof value === "bigint" ? Number(value) : value;
  }
  return out;
}

function wallClock(value: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(
    value.getUTCHours(),
  )}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
}
