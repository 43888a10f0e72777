import { afterAll, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL } from "bun";

/** A database an office can run on in a test: SQLite always, MariaDB when configured. */
export interface TestDatabase {
  name: "sqlite" | "mariadb";
  /** A fresh, empty database (a sandbox `--db` value), removed after the test file. */
  fresh(): Promise<string>;
}

const MARIADB_URL = process.env.SOFIA_TEST_MARIADB_URL;

/**
 * The databases to run on. Without SOFIA_TEST_MARIADB_URL, MariaDB is skipped with a one-line
 * notice — except in CI (CI=true), where the missing service is a failing test.
 */
export function testDatabases(): TestDatabase[] {
  const dir = mkdtempSync(join(tmpdir(), "opendental-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const list: TestDatabase[] = [{ name: "sqlite", fresh: async () => join(dir, `db${++n}.sqlite`) }];
  if (!MARIADB_URL) {
    if (process.env.CI === "true") {
      test("MariaDB is available (SOFIA_TEST_MARIADB_URL)", () => {
        throw new Error("CI=true but SOFIA_TEST_MARIADB_URL is not set: the MariaDB runs cannot be skipped in CI");
      });
    } else {
      console.log("@sofia/opendental: SOFIA_TEST_MARIADB_URL not set; MariaDB runs skipped (SQLite only).");
    }
    return list;
  }
  const created: string[] = [];
  afterAll(async () => {
    const admin = new SQL(MARIADB_URL);
    for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.close();
  });
  list.push({
    name: "mariadb",
    fresh: async () => {
      const name = `od_client_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
      created.push(name);
      const url = new URL(MARIADB_URL);
      url.pathname = `/${name}`;
      return url.toString();
    },
  });
  return list;
}
