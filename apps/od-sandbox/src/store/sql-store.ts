import { type OfficeClock, officeNow } from "../clock.ts";
import { defaultValue, type TableSpec } from "./columns.ts";
import type { RawRow, SqlDriver, SqlValue } from "./driver.ts";
import type { Condition, OdStore, Query } from "./store.ts";
import { type RowOf, type TableName, tables } from "./tables.ts";

/**
 * `OdStore` over any `SqlDriver`: plain SQL on Open Dental's tables with `?` parameters, which
 * SQLite and MariaDB both accept. Column names only ever come from the table declarations.
 */
export class SqlStore implements OdStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly driver: SqlDriver,
    private readonly clock: OfficeClock,
  ) {}

  get dialect() {
    return this.driver.dialect;
  }

  async insert<T extends TableName>(name: T, row: Partial<RowOf<T>>): Promise<RowOf<T>> {
    const spec = specOf(name);
    const values = this.stamped(spec, { ...row });
    const columns = Object.keys(values);
    const sql =
      columns.length === 0 && this.driver.dialect === "sqlite"
        ? `INSERT INTO ${spec.name} DEFAULT VALUES`
        : `INSERT INTO ${spec.name} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    const { insertId } = await this.driver.run(sql, Object.values(values));
    const key = typeof values[spec.key] === "number" ? Number(values[spec.key]) : insertId;
    const stored = await this.get(name, key);
    if (!stored) throw new Error(`${spec.name} row ${key} vanished after insert`);
    return stored;
  }

  async select<T extends TableName>(name: T, query: Query<T> = {}): Promise<RowOf<T>[]> {
    const spec = specOf(name);
    const params: SqlValue[] = [];
    let sql = `SELECT * FROM ${spec.name}`;
    const where = (query.where ?? []).map((c) => conditionSql(spec, c, params));
    if (where.length > 0) sql += ` WHERE ${where.join(" AND ")}`;
    const orderBy: { column: string; desc?: boolean }[] = query.orderBy ?? [{ column: spec.key }];
    const order = orderBy.map((o) => `${column(spec, o.column)}${o.desc ? " DESC" : ""}`);
    sql += ` ORDER BY ${order.join(", ")}`;
    if (query.limit !== undefined) {
      sql += " LIMIT ? OFFSET ?";
      params.push(query.limit, query.offset ?? 0);
    }
    const rows = await this.driver.all(sql, params);
    return rows.map((raw) => decodeRow(spec, raw) as RowOf<T>);
  }

  async get<T extends TableName>(name: T, key: number): Promise<RowOf<T> | undefined> {
    const spec = specOf(name);
    const rows = await this.driver.all(`SELECT * FROM ${spec.name} WHERE ${spec.key} = ?`, [key]);
    return rows[0] ? (decodeRow(spec, rows[0]) as RowOf<T>) : undefined;
  }

  async update<T extends TableName>(name: T, key: number, changes: Partial<RowOf<T>>): Promise<RowOf<T> | undefined> {
    const spec = specOf(name);
    const values = this.stamped(spec, { ...changes }, true);
    const columns = Object.keys(values).map((c) => `${column(spec, c)} = ?`);
    await this.driver.run(`UPDATE ${spec.name} SET ${columns.join(", ")} WHERE ${spec.key} = ?`, [
      ...Object.values(values),
      key,
    ]);
    return this.get(name, key);
  }

  async remove<T extends TableName>(name: T, key: number): Promise<boolean> {
    const spec = specOf(name);
    const { changes } = await this.driver.run(`DELETE FROM ${spec.name} WHERE ${spec.key} = ?`, [key]);
    return changes > 0;
  }

  exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  // Sets DateTStamp from the office clock, as MySQL's auto-updated timestamp column would.
  private stamped(spec: TableSpec, values: Record<string, unknown>, always = false): Record<string, SqlValue> {
    if ("DateTStamp" in spec.columns && (always || values.DateTStamp === undefined)) {
      values.DateTStamp = officeNow(this.clock);
    }
    const out: Record<string, SqlValue> = {};
    for (const [name, value] of Object.entries(values)) {
      column(spec, name);
      if (value === undefined) continue;
      if (typeof value !== "string" && typeof value !== "number") throw new Error(`${spec.name}.${name}: bad value`);
      out[name] = value;
    }
    return out;
  }
}

// Phone numbers are stored as typed, "(503)555-0101"; compare their digits. Works in both dialects.
const DIGITS_OF =
  "REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE($, '(', ''), ')', ''), '-', ''), ' ', ''), '.', ''), '+', '')";

function specOf(name: TableName): TableSpec {
  return tables[name] as TableSpec;
}

function column(spec: TableSpec, name: string): string {
  if (!(name in spec.columns)) throw new Error(`${spec.name} has no column ${name}`);
  return name;
}

function conditionSql<T extends TableName>(spec: TableSpec, c: Condition<T>, params: SqlValue[]): string {
  if ("anyOf" in c) return `(${c.anyOf.map((inner) => conditionSql(spec, inner, params)).join(" OR ")})`;
  const name = column(spec, c.column);
  if (c.op === "contains" || c.op === "startsWith") {
    // "!" as the LIKE escape: a backslash means different things in SQLite and MariaDB literals.
    const escaped = c.value.toLowerCase().replace(/[!%_]/g, (ch) => `!${ch}`);
    params.push(c.op === "contains" ? `%${escaped}%` : `${escaped}%`);
    return `LOWER(${name}) LIKE ? ESCAPE '!'`;
  }
  if (c.op === "digits") {
    params.push(`%${c.value.replace(/\D/g, "")}%`);
    return `${DIGITS_OF.replace("$", name)} LIKE ?`;
  }
  if (c.op === "in") {
    if (c.value.length === 0) return "1 = 0";
    params.push(...c.value);
    return `${name} IN (${c.value.map(() => "?").join(", ")})`;
  }
  params.push(c.value);
  return `${name} ${c.op} ?`;
}

/** Checks every column of a raw row against its declaration: numbers stay numbers, text stays text. */
function decodeRow(spec: TableSpec, raw: RawRow): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  for (const [name, col] of Object.entries(spec.columns)) {
    const value = raw[name] ?? defaultValue(col.kind);
    if (col.kind === "int" || col.kind === "float") {
      const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) throw new Error(`${spec.name}.${name} holds a non-number`);
      row[name] = n;
    } else {
      if (typeof value !== "string") throw new Error(`${spec.name}.${name} holds a non-text value`);
      // MariaDB hands DATE columns back with a midnight time; both dialects decode to `yyyy-MM-dd`.
      row[name] = col.kind === "date" ? value.slice(0, 10) : value;
    }
  }
  return row;
}
