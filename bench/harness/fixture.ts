/**
 * The data every run starts from: one clinic with a doctor per connection and a producer token,
 * created once per invocation through the hub's own store and admin service, then copied into a
 * fresh data directory for each hub process so every run starts equal. The secrets go into a
 * file the load generator and the peers read (the peers accept the same strings, so every target
 * authenticates the same frames).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@sofia/runtime/clock";
import { databasePath } from "../../apps/hub/src/config.ts";
import { AdminService } from "../../apps/hub/src/services/admin.ts";
import { openSqliteStore } from "../../apps/hub/src/store/sqlite/sqlite-store.ts";
import { BENCH_CLINIC, doctorId } from "./content.ts";

/** Secrets of a fixture: `keys[i]` is the doctor key of `doctorId(i)`. */
export interface Secrets {
  keys: string[];
  producer: string;
}

/** A prepared fixture: the template database and the secrets file. */
export interface Fixture extends Secrets {
  dir: string;
  secretsFile: string;
  /** A fresh hub data directory holding a copy of the template database. */
  freshDataDir(): string;
  dispose(): void;
}

/** Creates `doctors` doctors (one clinic) and a producer token confined to that clinic. */
export async function prepareFixture(doctors: number): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "sofia-bench-"));
  const template = join(dir, "template");
  mkdirSync(template, { mode: 0o700 });
  const store = await openSqliteStore(databasePath(template), { thread: "worker" });
  const admin = new AdminService(store, systemClock);
  const keys: string[] = [];
  const first = await admin.addDoctor({ doctorId: doctorId(0), clinicId: BENCH_CLINIC });
  keys.push(first.key.secret);
  // Concurrent calls share the store's group commits: 10,000 doctors take seconds, not minutes.
  for (let from = 1; from < doctors; from += 500) {
    const batch = Array.from({ length: Math.min(500, doctors - from) }, (_, j) =>
      admin.addDoctor({ doctorId: doctorId(from + j), clinicId: BENCH_CLINIC }),
    );
    for (const made of await Promise.all(batch)) keys.push(made.key.secret);
  }
  const producer = (
    await admin.createProducerToken({ name: "bench", scopes: ["reports:publish"], clinicId: BENCH_CLINIC })
  ).secret;
  await store.close();
  const secretsFile = join(dir, "secrets.json");
  writeFileSync(secretsFile, JSON.stringify({ keys, producer } satisfies Secrets), { mode: 0o600 });
  let runs = 0;
  return {
    dir,
    keys,
    producer,
    secretsFile,
    freshDataDir() {
      const data = join(dir, `run-${++runs}`);
      mkdirSync(data, { mode: 0o700 });
      copyFileSync(databasePath(template), databasePath(data));
      return data;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Removes a run's data directory once its hub has stopped. */
export const removeDataDir = (data: string) => rmSync(data, { recursive: true, force: true });
