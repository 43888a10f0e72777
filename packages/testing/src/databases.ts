import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL } from "bun";
import { need } from "./need.ts";

/** A database a suite can run on: SQLite always, MariaDB when SOFIA_TEST_MARIADB_URL is set. */
export interface TestDatabase {
  name: "sqlite" | "mariadb";
  /** A fresh, empty database (a SQLite path or a `mysql://` URL); removed after the test file. */
  fresh(): Promise<string>;
}

/**
 * The databases a test file runs its suites on. MariaDB needs SOFIA_TEST_MARIADB_URL: without it
 * the MariaDB runs are skipped with a one-line notice — except in CI (CI=true), where they run
 * and fail, as CI is meant to provide it ({@link need}). Each
 * MariaDB database is `{prefix}_<random>`, so parallel runs never share one, and is dropped after
 * the file.
 */
export function testDatabases(label: string, prefix: string): TestDatabase[] {
  const url = process.env.SOFIA_TEST_MARIADB_URL;
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const list: TestDatabase[] = [{ name: "sqlite", fresh: async () => join(dir, `db${++n}.sqlite`) }];
  const mariadb = need(
    `MariaDB (${label})`,
    url ? null : "SOFIA_TEST_MARIADB_URL is not set",
    "SOFIA_TEST_MARIADB_URL=mysql://root@127.0.0.1:3306/test",
  );
  if (mariadb.skip) return list;
  const created: string[] = [];
  afterAll(async () => {
    if (!url) return;
    const admin = new SQL(url);
    for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.close();
  });
  list.push({
    name: "mariadb",
    fresh: async () => {
      mariadb.check();
      const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
      created.push(name);
      const database = new URL(url ?? "");
      database.pathname = `/${name}`;
      return database.toString();
    },
  });
  return list;
}
