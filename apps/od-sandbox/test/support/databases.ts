import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL } from "bun";

/** A database a suite can run on: SQLite always, MariaDB when SOFIA_TEST_MARIADB_URL is set. */
export interface TestDatabase {
  name: "sqlite" | "mariadb";
  /** A fresh, empty database for one sandbox (a `--db` value); removed after the test file. */
  fresh(): Promise<string>;
}

const MARIADB_URL = process.env.SOFIA_TEST_MARIADB_URL;
let notified = false;

/** The databases to run on. Without MariaDB, prints a one-line notice (once per file) and skips it. */
export function testDatabases(): TestDatabase[] {
  const dir = mkdtempSync(join(tmpdir(), "od-sandbox-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const list: TestDatabase[] = [{ name: "sqlite", fresh: async () => join(dir, `db${++n}.sqlite`) }];
  if (MARIADB_URL) {
    const created: string[] = [];
    afterAll(async () => {
      const admin = new SQL(MARIADB_URL);
      for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.close();
    });
    list.push({
      name: "mariadb",
      fresh: async () => {
        // A unique name per run, so parallel runs never share a database.
        const name = `od_sandbox_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
        created.push(name);
        const url = new URL(MARIADB_URL);
        url.pathname = `/${name}`;
        return url.toString();
      },
    });
  } else if (!notified) {
    notified = true;
    console.log("od-sandbox: SOFIA_TEST_MARIADB_URL not set; MariaDB runs skipped (SQLite only).");
  }
  return list;
}
