import { testDatabases as databases, type TestDatabase } from "@sofia/testing/databases";

export type { TestDatabase };

/** The databases an office runs on in these tests: SQLite, and MariaDB when configured (see @sofia/testing). */
export function testDatabases(): TestDatabase[] {
  return databases("@sofia/opendental", "od_client");
}
