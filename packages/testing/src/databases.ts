import { afterAll, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL } from "bun";

/** A database a suite can run on: SQLite always, MariaDB when SOFIA_TEST_MARIADB_URL is set. */
export interface TestDatabase {
  name: "sqlite" | "mariadb";
  /** A fresh, empty database (a SQLite path or a `mysql://` URL); removed after the test file. */
  fresh(): Promise<string>;
}

const notified = new Set<string>();

/**
 * The databases a test file runs its suites on. MariaDB needs SOFIA_TEST_MARIADB_URL: without it
 * the MariaDB runs are skipped with a one-line notice (once per `label`) — except in CI
 * (CI=true), where the missing service is a failing test, as CI is meant to provide it. Each
 * MariaDB database is `{prefix}_<random>`, so parallel runs never share one, and is dropped after
 * the file.
 */
export function testDatabases(label: string, prefix: string): TestDatabase[] {
  const url = process.env.SOFIA_TEST_MARIADB_URL;
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const list: TestDatabase[] = [{ name: "sqlite", fresh: async () => join(dir, `db${++n}.sqlite`) }];
  if (!url) {
    if (process.env.CI === "true") {
      test("MariaDB is available (SOFIA_TEST_MARIADB_URL)", () => {
        throw new Error("CI=true but SOFIA_TEST_MARIADB_URL is not set: the MariaDB runs cannot be skipped in CI");
      });
    } else if (!notified.has(label)) {
      notified.add(label);
      console.log(`${label}: SOFIA_TEST_MARIADB_URL not set; MariaDB runs skipped (SQLite only).`);
    }
    return list;
  }
  const created: string[] = [];
  afterAll(async () => {
    const admin = new SQL(url);
    for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.close();
  });
  list.push({
    name: "mariadb",
    fresh: async () => {
      const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
      created.push(name);
      const database = new URL(url);
      database.pathname = `/${name}`;
      return database.toString();
    },
  });
  return list;
}
