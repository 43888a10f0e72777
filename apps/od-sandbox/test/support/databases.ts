import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { need } from "@sofia/testing";
import { SQL } from "bun";

/** A database a suite can run on: SQLite always, MariaDB when SOFIA_TEST_MARIADB_URL is set. */
export interface TestDatabase {
  name: "sqlite" | "mariadb";
  /** A fresh, empty database for one sandbox (a `--db` value); removed after the test file. */
  fresh(): Promise<string>;
}

const MARIADB_URL = process.env.SOFIA_TEST_MARIADB_URL;
const mariadb = need(
  "MariaDB",
  MARIADB_URL ? null : "SOFIA_TEST_MARIADB_URL is not set",
  "SOFIA_TEST_MARIADB_URL=mysql://root@127.0.0.1:3306/test",
);

/**
 * The databases to run on. Without MariaDB: outside CI, SQLite only (a one-line notice said so);
 * in CI the MariaDB runs are registered anyway and fail, saying what is missing.
 */
export function testDatabases(): TestDatabase[] {
  const dir = mkdtempSync(join(tmpdir(), "od-sandbox-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const list: TestDatabase[] = [{ name: "sqlite", fresh: async () => join(dir, `db${++n}.sqlite`) }];
  if (!mariadb.skip) {
    const created: string[] = [];
    afterAll(async () => {
      if (!MARIADB_URL) return;
      const admin = new SQL(MARIADB_URL);
      for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.close();
    });
    list.push({
      name: "mariadb",
      fresh: async () => {
        // A unique name per run, so parallel runs never share a database.
        mariadb.check();
        const name = `od_sandbox_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
        created.push(name);
        const url = new URL(MARIADB_URL ?? "");
        url.pathname = `/${name}`;
        return url.toString();
      },
    });
  }
  return list;
}
