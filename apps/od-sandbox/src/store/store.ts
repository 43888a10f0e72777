import type { RowOf, TableName } from "./tables.ts";

/** A column of table `T`. */
export type ColumnOf<T extends TableName> = keyof RowOf<T> & string;

/**
 * One condition of a query. `contains` and `startsWith` are Open Dental's searches: partial,
 * case-insensitive matches anywhere or at the start (SQL `LIKE '%x%'` / `LIKE 'x%'`) [S8][S31]; `digits` the same on a phone column with its punctuation ignored; `anyOf` matches when any of its conditions does (a phone number in any phone column).
 */
export type Condition<T extends TableName> =
  | { column: ColumnOf<T>; op: "=" | "<>" | ">=" | "<=" | "<" | ">"; value: string | number }
  | { column: ColumnOf<T>; op: "contains" | "startsWith"; value: string }
  | { column: ColumnOf<T>; op: "digits"; value: string }
  | { column: ColumnOf<T>; op: "in"; value: readonly number[] }
  | { anyOf: Condition<T>[] };

/** What to select: conditions (all must hold), order and a page. */
export interface Query<T extends TableName> {
  where?: Condition<T>[];
  orderBy?: { column: ColumnOf<T>; desc?: boolean }[];
  limit?: number;
  offset?: number;
}

/**
 * The sandbox's storage: Open Dental's tables, read and written row by row. `SqlStore` implements it
 * over SQLite or MariaDB; nothing above this interface knows which.
 */
export interface OdStore {
  readonly dialect: "sqlite" | "mariadb";
  /** Inserts a row (unnamed columns get their defaults, the key is assigned) and returns it as stored. */
  insert<T extends TableName>(table: T, row: Partial<RowOf<T>>): Promise<RowOf<T>>;
  /** The rows matching `query`. */
  select<T extends TableName>(table: T, query?: Query<T>): Promise<RowOf<T>[]>;
  /** The row with primary key `key`, if any. */
  get<T extends TableName>(table: T, key: number): Promise<RowOf<T> | undefined>;
  /** Changes some columns of one row and returns it, or undefined when there is no such row. */
  update<T extends TableName>(table: T, key: number, changes: Partial<RowOf<T>>): Promise<RowOf<T> | undefined>;
  /**
   * Deletes one row; true when there was one. Only for what Open Dental itself lets the API delete
   * (subscriptions): procedures and notes are never deleted.
   */
  remove<T extends TableName>(table: T, key: number): Promise<boolean>;
  /**
   * Runs `fn` with no other `exclusive` call running, for read-then-write sequences (a procnote
   * that appends to the latest one) that must not interleave.
   */
  exclusive<R>(fn: () => Promise<R>): Promise<R>;
  close(): Promise<void>;
}
