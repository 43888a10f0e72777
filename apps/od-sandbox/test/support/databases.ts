import { testDatabases as databases, type TestDatabase } from "@sofia/testing/databases";

export type { TestDatabase };

/** The databases to run the sandbox's suites on: SQLite, and MariaDB when configured (see @sofia/testing). */
export function testDatabases(): TestDatabase[] {
  return databases("od-sandbox", "od_sandbox");
}
