import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "@sofia/runtime/sqlite";
import { MIGRATIONS } from "../src/store/sqlite/migrations.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { AlreadyExistsError } from "../src/store/store.ts";
import { newReport } from "./support/store-fixtures.ts";

const at = "2026-11-21T09:00:00.000Z";
const fresh = () => join(mkdtempSync(join(tmpdir(), "sofia-store-")), "hub.sqlite");

for (const thread of ["inline", "worker"] as const) {
  describe(`SQLite store (${thread})`, () => {
    const open = (path: string) => openSqliteStore(path, { thread });

    test("opens in WAL mode, owner-only, and migrates once; reopening changes nothing", async () => {
      const path = fresh();
      const store = await open(path);
      await store.directory.ensureClinic({ id: "c", name: "C", createdAt: at });
      await store.close();
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const db = new Database(path);
      expect(db.query<{ journal_mode: string }, []>("PRAGMA journal_mode").get()?.journal_mode).toBe("wal");
      migrate(db, MIGRATIONS, "sofia-hub");
      expect(db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version).toBe(MIGRATIONS.length);
      db.close();
      const again = await open(path);
      expect(await again.directory.getClinic("c")).toMatchObject({ id: "c" });
      await again.close();
    });

    test("refuses a database from a newer sofia-hub", async () => {
      const path = fresh();
      await (await open(path)).close();
      const db = new Database(path);
      db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
      db.close();
      const refused = await open(path).then(
        () => null,
        (error: unknown) => String(error),
      );
      expect(refused).toContain("newer than this sofia-hub");
    });

    test("a doctor id can be taken once", async () => {
      const store = await open(fresh());
      await store.directory.ensureClinic({ id: "c", name: "C", createdAt: at });
      await store.directory.createDoctor({ id: "d", clinicId: "c", name: "D", createdAt: at });
      // Not `expect(promise).rejects`: Bun waits for that promise in a nested loop that does not
      // deliver the store thread's messages, so it would never settle.
      const second = await store.directory.createDoctor({ id: "d", clinicId: "c", name: "D", createdAt: at }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(second).toBeInstanceOf(AlreadyExistsError);
      await store.close();
    });

    test("the revocation feed lists each revocation once, in order", async () => {
      const store = await open(fresh());
      for (const id of ["a", "b"]) {
        await store.credentials.create({
          id,
          kind: "producer_token",
          hash: "00",
          doctorId: null,
          clinicId: null,
          agentId: null,
          name: id,
          scopes: [],
          createdAt: at,
          revokedAt: null,
        });
      }
      const start = await store.credentials.revokedSince(0);
      expect(start.ids).toEqual([]);
      expect(await store.credentials.revoke("b", at)).toBe(true);
      expect(await store.credentials.revoke("b", at)).toBe(true); // idempotent, no second entry
      expect(await store.credentials.revoke("a", at)).toBe(true);
      expect(await store.credentials.revoke("zzz", at)).toBe(false);
      const feed = await store.credentials.revokedSince(start.cursor);
      expect(feed.ids).toEqual(["b", "a"]);
      expect((await store.credentials.revokedSince(feed.cursor)).ids).toEqual([]);
      await store.close();
    });

    test("a publish files the report, its mailbox item and its audit record together", async () => {
      const store = await open(fresh());
      await store.directory.ensureClinic({ id: "c", name: "C", createdAt: at });
      await store.directory.createDoctor({ id: "d", clinicId: "c", name: "D", createdAt: at });
      await store.reports.insert(newReport({ id: "rep_1", doctorId: "d", clinicId: "c" }));
      const [item] = await store.mailbox.itemsAfter("doctor:d", 0, 10);
      expect(item).toMatchObject({ seq: 1, event: "report_ready", reportId: "rep_1", clinicId: "c" });
      expect(JSON.parse(item?.payload ?? "null")).toEqual({ report_id: "rep_1" });
      expect((await store.audit.recent(5)).map((e) => e.action)).toContain("report.published");
      await store.close();
    });

    test("expiry scoped to some items leaves the rest alone; the sweep reaches every mailbox", async () => {
      const store = await open(fresh());
      await store.directory.ensureClinic({ id: "c", name: "C", createdAt: at });
      for (const doctor of ["a", "b"]) {
        await store.directory.createDoctor({ id: doctor, clinicId: "c", name: doctor, createdAt: at });
        await store.mailbox.openCursor(`doctor:${doctor}`, `doctor:${doctor}`, "beginning", at);
        for (const n of [1, 2]) {
          await store.reports.insert(
            newReport({ id: `rep_${doctor}${n}`, doctorId: doctor, clinicId: "c", createdMs: 1000 }),
          );
        }
      }
      expect(await store.mailbox.expire(2000, at, { recipient: "doctor:a", seqs: [2] })).toBe(1);
      const expired = async (doctor: string) =>
        (await store.mailbox.itemsAfter(`doctor:${doctor}`, 0, 10)).map((i) => i.expiredAt !== null);
      expect(await expired("a")).toEqual([false, true]);
      expect(await expired("b")).toEqual([false, false]);
      expect(await store.mailbox.expire(2000, at)).toBe(3);
      expect(await expired("b")).toEqual([true, true]);
      expect(await store.mailbox.expire(2000, at)).toBe(0);
      await store.close();
    });
  });
}
