import { type Column, defaultValue, type TableSpec } from "./columns.ts";
import type { SqlDriver } from "./driver.ts";
import { tables } from "./tables.ts";

/**
 * Creates every table (and its indexes) that does not exist yet, and adds the columns a newer
 * sandbox declares to tables an older one created. Safe to run on every start.
 */
export async function createTables(driver: SqlDriver): Promise<void> {
  for (const spec of Object.values(tables) as TableSpec[]) {
    await driver.run(createTableSql(spec, driver.dialect));
    const existing = new Set(await columnNames(driver, spec.name));
    for (const [name, column] of Object.entries(spec.columns)) {
      if (!existing.has(name))
        await driver.run(`ALTER TABLE ${spec.name} ADD COLUMN ${columnSql(name, column, driver.dialect)}`);
    }
    for (const column of spec.indexes ?? []) {
      // MariaDB indexes TEXT columns only by a prefix; the first 32 characters are plenty.
      const prefix = driver.dialect === "mariadb" && /text$/.test(spec.columns[column]?.sql ?? "") ? "(32)" : "";
      await driver.run(`CREATE INDEX IF NOT EXISTS ${spec.name}_${column} ON ${spec.name} (${column}${prefix})`);
    }
  }
}

/** The CREATE TABLE statement of one table in one dialect, with Open Dental's names and types. */
export function createTableSql(spec: TableSpec, dialect: SqlDriver["dialect"]): string {
  const lines = Object.entries(spec.columns).map(([name, column]) => {
    if (name === spec.key) {
      return dialect === "sqlite"
        ? `${name} INTEGER PRIMARY KEY AUTOINCREMENT`
        : `${name} bigint(20) NOT NULL AUTO_INCREMENT`;
    }
    return columnSql(name, column, dialect);
  });
  if (dialect === "mariadb") {
    lines.push(`PRIMARY KEY (${spec.key})`);
    return `CREATE TABLE IF NOT EXISTS ${spec.name} (\n  ${lines.join(",\n  ")}\n) DEFAULT CHARSET=utf8mb4`;
  }
  return `CREATE TABLE IF NOT EXISTS ${spec.name} (\n  ${lines.join(",\n  ")}\n)`;
}

function sqliteType(column: Column): string {
  return column.kind === "int" ? "INTEGER" : column.kind === "float" ? "REAL" : "TEXT";
}

function columnSql(name: string, column: Column, dialect: SqlDriver["dialect"]): string {
  const type = dialect === "sqlite" ? sqliteType(column) : column.sql;
  const fallback = defaultValue(column.kind);
  return `${name} ${type} NOT NULL DEFAULT ${typeof fallback === "number" ? fallback : `'${fallback}'`}`;
}

async function columnNames(driver: SqlDriver, table: string): Promise<string[]> {
  const rows =
    driver.dialect === "sqlite"
      ? await driver.all(`PRAGMA table_info(${table})`)
      : await driver.all(
          "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
          [table],
        );
  return rows.map((row) => String(row.name));
}
