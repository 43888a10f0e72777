import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { systemClock } from "@sofia/runtime/clock";
import { DEMO_CLINIC_ID, DEMO_DOCTOR_ID, ensureDemoClinic } from "../../src/demo.ts";
import { AdminService } from "../../src/services/admin.ts";
import { addDoctor, publish, sampleReport, startTestHub, type TestHub } from "../support/test-hub.ts";

/** The demo's credentials are printed on every start: they must reach the demo clinic and nothing else. */
describe("the demo producer token", () => {
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub();
    await addDoctor(t, "dr-other", "clinic-other");
  });
  afterEach(() => t.stop());

  const demo = () => ensureDemoClinic(t.store, new AdminService(t.store, systemClock), t.dataDir);

  test("publishes to the demo doctor, and to no other clinic's doctor", async () => {
    const { producer_token: token } = await demo();
    expect((await publish(t, token, { doctor_id: DEMO_DOCTOR_ID, report: sampleReport() })).status).toBe(202);
    const other = await publish(t, token, { doctor_id: "dr-other", report: sampleReport() });
    expect(other.status).toBe(404);
  });

  test("an unconfined demo token saved by an earlier hub is revoked and replaced", async () => {
    const first = await demo();
    const unconfined = await new AdminService(t.store, systemClock).createProducerToken({
      name: "demo producer",
      scopes: ["reports:publish"],
    });
    const file = join(t.dataDir, "demo-credentials.json");
    writeFileSync(file, JSON.stringify({ ...first, producer_token: unconfined.secret }));
    const second = await demo();
    expect(second.producer_token).not.toBe(unconfined.secret);
    expect((await t.store.credentials.get(unconfined.credential.id))?.revokedAt).not.toBeNull();
    const replacement = second.producer_token.split("_")[1] ?? "";
    expect((await t.store.credentials.get(`spt_${replacement}`))?.clinicId).toBe(DEMO_CLINIC_ID);
    expect((await publish(t, unconfined.secret, { doctor_id: "dr-other", report: sampleReport() })).status).toBe(401);
  });
});
