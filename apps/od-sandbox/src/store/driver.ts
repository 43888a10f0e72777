/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** A result row exactly as the database driver returned it, before decoding. */
export type RawRow = Record<string, unknown>;

/**
 * The few things the store needs from a database. SQLite (bun:sqlite) and MariaDB (Bun.SQL) each
 * implement it; the SQL above it is the same, written against Open Dental's tables.
 */
export interface SqlDriver {
  readonly dialect: "sqlite" | "mariadb";
  /** Runs a query and returns its rows. Date and time values come back as Open Dental text. */
  all(sql: string, params?: SqlValue[]): Promise<RawRow[]>;
  /** Runs a statement; `insertId` is the new row's auto-increment key. */
  run(sql: string, params?: SqlValue[]): Promise<{ insertId: number; changes: number }>;
  close(): Promise<void>;
}
