import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS, migrate } from "../src/store/sqlite/migrations.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { AlreadyExistsError } from "../src/store/store.ts";

const at = "2026-11-21T09:00:00.000Z";
const fresh = () => join(mkdtempSync(join(tmpdir(), "sofia-store-")), "hub.sqlite");

describe("SQLite store", () => {
  test("opens in WAL mode and migrates once; reopening changes nothing", async () => {
    const path = fresh();
    const store = openSqliteStore(path);
    await store.directory.ensureClinic({ id: "c", name: "C", createdAt: at });
    await store.close();
    const db = new Database(path);
    expect(db.query<{ journal_mode: string }, []>("PRAGMA journal_mode").get()?.journal_mode).toBe("wal");
    migrate(db);
    expect(db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version).toBe(MIGRATIONS.length);
    db.close();
    const again = openSqliteStore(path);
    expect(await again.directory.getClinic("c")).toMatchObject({ id: "c" });
    await again.close();
  });

  test("refuses a database from a newer sofia-hub", () => {
    const path = fresh();
    openSqliteStore(path).close();
    const db = new Database(path);
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(path)).toThrow("newer than this sofia-hub");
  });

  test("a doctor id can be taken once", async () => {
    const store = openSqliteStore(fresh());
    await store.directory.ensureClinic({ id: "c", name: "C", createdAt: at });
    await store.directory.createDoctor({ id: "d", clinicId: "c", name: "D", createdAt: at });
    await expect(
      store.directory.createDoctor({ id: "d", clinicId: "c", name: "D", createdAt: at }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    await store.close();
  });

  test("the revocation feed lists each revocation once, in order", async () => {
    const store = openSqliteStore(fresh());
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

  test("expiry scoped to a doctor's unsent items leaves other doctors alone; the sweep reaches all", async () => {
    const store = openSqliteStore(fresh());
    await store.directory.ensureClinic({ id: "c", name: "C", createdAt: at });
    for (const doctor of ["a", "b"]) {
      await store.directory.createDoctor({ id: doctor, clinicId: "c", name: doctor, createdAt: at });
      await store.mailbox.openCursor(`doctor:${doctor}`, doctor, "beginning", at);
      for (const n of [1, 2]) {
        await store.reports.insert({
          id: `rep_${doctor}${n}`,
          doctorId: doctor,
          clinicId: "c",
          content: { history: "", findings: "", diagnosis: "", procedure: "", recommendation: "" },
          patient: null,
          producerId: "p",
          idempotencyKey: null,
          createdAt: at,
          createdMs: 1000,
          language: "en",
          visitDate: at.slice(0, 10),
          renderings: { html: "<p></p>", rtf: "{\\rtf1}", plaintext: "" },
        });
      }
    }
    expect(await store.mailbox.expire(2000, at, { doctorId: "a", afterSeq: 1 })).toBe(1);
    const expired = async (doctor: string) =>
      (await store.mailbox.itemsAfter(doctor, 0, 10)).map((i) => i.expiredAt !== null);
    expect(await expired("a")).toEqual([false, true]);
    expect(await expired("b")).toEqual([false, false]);
    expect(await store.mailbox.expire(2000, at)).toBe(3);
    expect(await expired("b")).toEqual([true, true]);
    expect(await store.mailbox.expire(2000, at)).toBe(0);
    await store.close();
  });
});
