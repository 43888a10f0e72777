/**
 * Column declarations in Open Dental's schema terms [S30]. A table is declared once; the DDL for
 * both databases, the row type and the row decoder all come from the declaration.
 */

/** How a column's values travel: numbers, or text (dates and times are text in Open Dental's formats). */
export type ColumnKind = "int" | "float" | "text" | "date" | "datetime" | "time";

/** One column: its kind and its MySQL type as Open Dental's schema documents it. */
export interface Column {
  readonly kind: ColumnKind;
  readonly sql: string;
}

/** An integer column (bigint foreign keys, tinyint enums and flags). */
export const int = (sql = "bigint(20)") => ({ kind: "int", sql }) as const;
/** A floating-point column (fees, balances). */
export const float = () => ({ kind: "float", sql: "double" }) as const;
/** A string column. */
export const text = (sql = "varchar(255)") => ({ kind: "text", sql }) as const;
/** A `date` column, `yyyy-MM-dd`, `0001-01-01` when empty. */
export const date = () => ({ kind: "date", sql: "date" }) as const;
/** A `datetime` column, `yyyy-MM-dd HH:mm:ss`, `0001-01-01 00:00:00` when empty. */
export const datetime = () => ({ kind: "datetime", sql: "datetime" }) as const;
/** A `time` column, `HH:mm:ss`. */
export const time = () => ({ kind: "time", sql: "time" }) as const;

/** A table: its name, its primary-key column and its columns (the key included). */
export interface TableSpec<C extends Record<string, Column> = Record<string, Column>> {
  readonly name: string;
  readonly key: string;
  readonly columns: C;
  /** Columns worth an index for the sandbox's own queries. */
  readonly indexes?: readonly string[];
}

/** Declares a table, checking that its key and indexes name its own columns. */
export function table<C extends Record<string, Column>>(spec: {
  name: string;
  key: keyof C & string;
  columns: C;
  indexes?: readonly (keyof C & string)[];
}): TableSpec<C> {
  return spec;
}

type ValueOf<K extends ColumnKind> = K extends "int" | "float" ? number : string;

/** The decoded row of a table: numbers for numeric columns, text for the rest. */
export type RowFor<S extends TableSpec> = { [K in keyof S["columns"]]: ValueOf<S["columns"][K]["kind"]> };

/** The value a column holds when an insert does not name it. */
export function defaultValue(kind: ColumnKind): string | number {
  switch (kind) {
    case "int":
    case "float":
      return 0;
    case "text":
      return "";
    case "date":
      return "0001-01-01";
    case "datetime":
      return "0001-01-01 00:00:00";
    case "time":
      return "00:00:00";
  }
}
