import { Database } from "bun:sqlite";
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { V2CloseCode, V2Welcome } from "@sofia/protocol";
import { FakeClock, TestSocket, until } from "@sofia/testing";
import { databasePath } from "../src/config.ts";
import { AdminService } from "../src/services/admin.ts";
import { RECORD_CACHE_TTL_MS } from "../src/store/cache/record-cache.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { HubStore } from "../src/store/store.ts";
import { FaultyStore } from "./support/faulty-store.ts";
import { runHubCli } from "./support/hub-process.ts";
import {
  addDoctor,
  addProducer,
  openV2,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "./support/test-hub.ts";

const PAGE = "https://app.example.com";

/** Opens `/v2/ws` with `credential`; resolves with whom the welcome names, or with the close code. */
async function connect(
  url: string,
  credential: string,
  origin?: string,
): Promise<{ doctor_id?: string; clinic_id?: string; code?: number }> {
  const socket = await TestSocket.open(url, origin ? { Origin: origin } : undefined);
  socket.send(JSON.stringify({ type: "auth", credential }));
  const first = await Promise.race([socket.next().then((f) => f.json), socket.closed]);
  const welcome = V2Welcome.safeParse(first);
  if (!welcome.success) return { code: (await socket.closed).code };
  socket.close();
  const { principal } = welcome.data;
  return principal.kind === "user"
    ? { clinic_id: principal.clinic_id }
    : { doctor_id: principal.doctor_id, clinic_id: principal.clinic_id };
}

const report = (doctorId: string, key: string) => ({
  doctor_id: doctorId,
  idempotency_key: key,
  report: sampleReport(),
});

/**
 * The hub keeps credentials, doctors and clinics on its main thread for at most a second
 * (docs/architecture.md, "Records read from the store"). The cache's clock is frozen here unless a
 * test moves it: whatever a test sees change without moving it came from an invalidation.
 */
describe("the hub's record cache", () => {
  let t: TestHub;
  let cacheClock: FakeClock;
  let other: HubStore | null = null;
  beforeEach(async () => {
    cacheClock = new FakeClock();
    t = await startTestHub({ extra: { recordCache: { clock: cacheClock } } });
  });
  afterEach(async () => {
    await other?.close();
    other = null;
    await t.stop();
  });
  /** A second handle on the hub's database, as `sofia-hub` commands and other hub nodes have. */
  const otherHandle = async () => {
    other = await openSqliteStore(databasePath(t.dataDir), { thread: "inline" });
    return other;
  };

  test("a key and a token revoked by the CLI are refused on publish and socket auth within the revocation poll", async () => {
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    expect((await publish(t, token, report("dr-a", "k1"))).status).toBe(202);
    const live = await openV2(t, key);
    const ids = (await t.store.credentials.list()).map((c) => c.id);
    expect(runHubCli(["keys", "revoke", ...ids.slice(0, 1), "--data-dir", t.dataDir]).code).toBe(0);
    expect(runHubCli(["keys", "revoke", ...ids.slice(1, 2), "--data-dir", t.dataDir]).code).toBe(0);
    // Both were cached and the cache's clock never moves: only the revocation feed can evict them.
    const revokedAt = performance.now();
    expect((await live.socket.closed).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
    await until("the publish is refused", async () => (await publish(t, token, report("dr-a", "k1"))).status === 401);
    expect(performance.now() - revokedAt).toBeLessThan(RECORD_CACHE_TTL_MS);
    expect((await connect(t.v2Url, key)).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
  });

  test("a clinic changed by another process is seen once the bound has passed", async () => {
    const key = await addDoctor(t, "dr-a");
    expect((await connect(t.v2Url, key, PAGE)).code).toBe(V2CloseCode.ORIGIN_NOT_ALLOWED);
    await (await otherHandle()).directory.setAllowedOrigins("clinic-a", [PAGE]);
    cacheClock.advance(RECORD_CACHE_TTL_MS);
    expect((await connect(t.v2Url, key, PAGE)).clinic_id).toBe("clinic-a");
  });

  test("a doctor moved to another clinic by another process: after the bound, only the new clinic reaches them", async () => {
    await addDoctor(t, "dr-a", "clinic-a");
    await addDoctor(t, "dr-b", "clinic-b");
    const tokenA = await addProducer(t, "clinic-a");
    const tokenB = await addProducer(t, "clinic-b");
    expect((await publish(t, tokenA, report("dr-a", "a1"))).status).toBe(202);
    expect((await publish(t, tokenB, report("dr-a", "b1"))).status).toBe(404);
    const db = new Database(databasePath(t.dataDir));
    db.query("UPDATE doctors SET clinic_id = 'clinic-b' WHERE id = 'dr-a'").run();
    db.close();
    cacheClock.advance(RECORD_CACHE_TTL_MS);
    expect((await publish(t, tokenA, report("dr-a", "a2"))).status).toBe(404);
    expect((await publish(t, tokenB, report("dr-a", "b2"))).status).toBe(202);
  });

  test("a miss is never kept: a doctor and key created by another process work at once", async () => {
    await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    expect((await publish(t, token, report("dr-new", "n1"))).status).toBe(404);
    const admin = new AdminService(await otherHandle(), { now: Date.now, setTimeout: () => ({ cancel() {} }) });
    const { key } = await admin.addDoctor({ doctorId: "dr-new", clinicId: "clinic-a" });
    expect((await publish(t, token, report("dr-new", "n1"))).status).toBe(202);
    expect((await connect(t.v2Url, key.secret)).doctor_id).toBe("dr-new");
  });

  test("writes through this hub are seen at once", async () => {
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    expect((await connect(t.v2Url, key, PAGE)).code).toBe(V2CloseCode.ORIGIN_NOT_ALLOWED);
    expect((await publish(t, token, report("dr-a", "k1"))).status).toBe(202);
    await t.hub.store.directory.setAllowedOrigins("clinic-a", [PAGE]);
    expect((await connect(t.v2Url, key, PAGE)).doctor_id).toBe("dr-a");
    const [producer] = await t.store.credentials.list().then((all) => all.filter((c) => c.kind === "producer_token"));
    await t.hub.store.credentials.revoke(producer?.id ?? "", new Date().toISOString());
    expect((await publish(t, token, report("dr-a", "k1"))).status).toBe(401);
  });

  test("each kind and each id has its own entry: one clinic's record never answers for another's", async () => {
    const keyA = await addDoctor(t, "dr-a", "clinic-a");
    const keyB = await addDoctor(t, "dr-b", "clinic-b");
    // A doctor whose id is also a clinic's id: kinds are cached apart.
    await addDoctor(t, "clinic-a", "clinic-b");
    const tokenA = await addProducer(t, "clinic-a");
    for (let round = 0; round < 2; round++) {
      expect(await connect(t.v2Url, keyA)).toMatchObject({
        doctor_id: "dr-a",
        clinic_id: "clinic-a",
      });
      expect(await connect(t.v2Url, keyB)).toMatchObject({
        doctor_id: "dr-b",
        clinic_id: "clinic-b",
      });
      expect((await publish(t, tokenA, report("dr-b", `b${round}`))).status).toBe(404);
      expect((await publish(t, tokenA, report("clinic-a", `c${round}`))).status).toBe(404);
      expect((await t.hub.store.directory.getClinic("clinic-a"))?.id).toBe("clinic-a");
      expect((await t.hub.store.directory.getDoctor("clinic-a"))?.clinicId).toBe("clinic-b");
    }
  });

  test("wrong secrets for a real id are never kept", async () => {
    const key = await addDoctor(t, "dr-a");
    const wrong = `${key.slice(0, 21)}${"A".repeat(43)}`;
    for (let i = 0; i < 3; i++) expect((await connect(t.v2Url, wrong)).code).toBe(V2CloseCode.UNAUTHORIZED);
    expect(t.hub.store.records.sizes().credentials).toBe(0);
    await connect(t.v2Url, key);
    expect(t.hub.store.records.sizes().credentials).toBe(1);
  });
});

describe("what the cache saves", () => {
  let t: TestHub | null = null;
  afterEach(() => t?.stop());

  test("within the bound, publishing and connecting again read no credential, doctor or clinic from the store", async () => {
    const counted: FaultyStore[] = [];
    t = await startTestHub({
      extra: { recordCache: { clock: new FakeClock() } },
      wrapStore: (real) => {
        const faulty = new FaultyStore(real);
        counted.push(faulty);
        return faulty.store;
      },
    });
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t, "clinic-a");
    expect((await publish(t, token, report("dr-a", "k1"))).status).toBe(202);
    expect((await connect(t.v2Url, key)).doctor_id).toBe("dr-a");
    const calls = counted[0]?.calls ?? new Map<string, number>();
    const reads = () => ["credentials.get", "directory.getDoctor", "directory.getClinic"].map((m) => calls.get(m) ?? 0);
    const before = reads();
    expect((await publish(t, token, report("dr-a", "k2"))).status).toBe(202);
    expect((await connect(t.v2Url, key)).doctor_id).toBe("dr-a");
    expect(reads()).toEqual(before);
  });
});

describe("the record cache's size", () => {
  let t: TestHub | null = null;
  afterEach(() => t?.stop());

  test("holds at most maxEntries of each kind, and every doctor still connects", async () => {
    t = await startTestHub({ extra: { recordCache: { maxEntries: 2 } } });
    const keys: string[] = [];
    for (let i = 0; i < 6; i++) keys.push(await addDoctor(t, `dr-${i}`, `clinic-${i}`));
    for (const [i, key] of keys.entries()) {
      expect((await connect(t.v2Url, key)).clinic_id).toBe(`clinic-${i}`);
    }
    expect(t.hub.store.records.sizes()).toEqual({ credentials: 2, doctors: 2, clinics: 2 });
  });
});
