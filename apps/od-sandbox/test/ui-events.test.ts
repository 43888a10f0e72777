import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, KEYS, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

interface Received {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

for (const db of testDatabases()) {
  describe(`PatientSelected UI events (${db.name})`, () => {
    let s: TestSandbox;
    const received: Received[] = [];
    // A real local subscriber, like the Sofia agent's listener on the workstation.
    const subscriber = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: async (req) => {
        received.push({
          path: new URL(req.url).pathname,
          headers: Object.fromEntries(req.headers),
          body: await jsonRecord(new Response(await req.text())),
        });
        return new Response("ok");
      },
    });
    const endpoint = (path: string) => `http://127.0.0.1:${subscriber.port}${path}`;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(async () => {
      await s.stop();
      await subscriber.stop(true);
    });

    test("POST /subscriptions returns 201 with the subscription under the caller's customer key", async () => {
      const res = await s.call("/subscriptions", {
        body: { EndPointUrl: endpoint("/op1"), Workstation: "OP1-PC", UiEventType: "PatientSelected" },
      });
      expect(res.status).toBe(201);
      expect(await jsonRecord(res)).toMatchObject({
        EndPointUrl: endpoint("/op1"),
        Workstation: "OP1-PC",
        CustomerKey: KEYS.all,
        UiEventType: "PatientSelected",
        WatchTable: "",
        DateTimeStart: "2025-03-14 10:30:00",
        DateTimeStop: "0001-01-01 00:00:00",
      });
      await s.call("/subscriptions", { body: { EndPointUrl: endpoint("/all"), UiEventType: "PatientSelected" } });
      expect((await jsonList(await s.call("/subscriptions"))).length).toBe(2);
      expect((await jsonList(await s.call("/subscriptions", { customer: KEYS.read }))).length).toBe(0);
    });

    test("selecting a patient posts the patient JSON with Authorization, Workstation and Event-Type", async () => {
      received.length = 0;
      const res = await jsonRecord(await s.control("/select-patient", "POST", { PatNum: 6, Workstation: "OP1-PC" }));
      expect(res.fired).toBe(true);
      expect(received.map((r) => r.path).sort()).toEqual(["/all", "/op1"]);
      for (const r of received) {
        expect(r.headers.authorization).toBe(KEYS.all);
        expect(r.headers.workstation).toBe("OP1-PC");
        expect(r.headers["event-type"]).toBe("UiEventType: PatientSelected");
        expect(r.body).toMatchObject({ PatNum: 6, LName: "Kowalski", FName: "Anna", Birthdate: "1988-01-23" });
        // The documented event body: ClinicNum as text, no FeeSched/Premed/SuperFamily [S9].
        expect(r.body).toMatchObject({ ClinicNum: "0", BillingType: "Standard Account", priProvAbbr: "DOC1" });
        for (const absent of ["FeeSched", "Premed", "SuperFamily", "AdmitDate"])
          expect(r.body).not.toHaveProperty(absent);
      }
    });

    test("selecting the same patient again does not re-fire; another workstation only reaches blank subscriptions", async () => {
      received.length = 0;
      expect(
        (await jsonRecord(await s.control("/select-patient", "POST", { PatNum: 6, Workstation: "OP1-PC" }))).fired,
      ).toBe(false);
      expect(received.length).toBe(0);
      await s.control("/select-patient", "POST", { PatNum: 7, Workstation: "HYG-PC" });
      expect(received.map((r) => [r.path, r.headers.workstation, r.body.PatNum])).toEqual([["/all", "HYG-PC", 7]]);
    });

    test("an expired subscription gets nothing; an unreachable one is reported, not fatal", async () => {
      await s.call("/subscriptions", {
        body: { EndPointUrl: endpoint("/old"), UiEventType: "PatientSelected", DateTimeStop: "2025-03-01" },
      });
      await s.call("/subscriptions", {
        body: { EndPointUrl: "http://127.0.0.1:9/", Workstation: "OP2-PC", UiEventType: "PatientSelected" },
      });
      received.length = 0;
      const res = await jsonRecord(await s.control("/select-patient", "POST", { PatNum: 8, Workstation: "OP2-PC" }));
      expect(received.map((r) => r.path)).toEqual(["/all"]);
      const deliveries = res.deliveries as { EndPointUrl: string; status?: number; error?: string }[];
      expect(deliveries.find((d) => d.EndPointUrl === "http://127.0.0.1:9/")?.error).toBeDefined();
    });

    test("a second live subscription like one that exists is 400; PUT changes one, DELETE removes it", async () => {
      const body = { EndPointUrl: endpoint("/dup"), Workstation: "OP9-PC", UiEventType: "PatientSelected" };
      const first = await jsonRecord(await s.call("/subscriptions", { body }));
      const again = await s.call("/subscriptions", { body });
      expect(again.status).toBe(400);
      expect(String(await again.json())).toContain(String(first.SubscriptionNum));
      const path = `/subscriptions/${first.SubscriptionNum}`;
      const put = await s.call(path, { method: "PUT", body: { Workstation: "OP8-PC", Note: "moved" } });
      expect([put.status, await put.text()]).toEqual([200, ""]);
      const listed = (await jsonList(await s.call("/subscriptions"))).find(
        (x) => x.SubscriptionNum === first.SubscriptionNum,
      );
      expect(listed).toMatchObject({ Workstation: "OP8-PC", Note: "moved", EndPointUrl: endpoint("/dup") });
      expect((await s.call(path, { method: "PUT", body: { PollingSeconds: 5 } })).status).toBe(400);
      // Another customer key does not see it.
      expect((await s.call(path, { method: "DELETE", customer: KEYS.read })).status).toBe(401);
      expect((await s.call(path, { method: "DELETE" })).status).toBe(200);
      expect((await s.call(path, { method: "DELETE" })).status).toBe(404);
      expect((await s.call("/subscriptions", { body })).status).toBe(201);
    });

    test("selecting a patient records the workstation's heartbeat in GET /computers", async () => {
      await s.control("/select-patient", "POST", { PatNum: 3, Workstation: "new-laptop" });
      const computers = await jsonList(await s.call("/computers"));
      expect(computers.find((c) => c.CompName === "NEW-LAPTOP")?.LastHeartBeat).toBe("2025-03-14 10:30:00");
    });

    test("bad subscriptions and selections are 400/404", async () => {
      for (const body of [
        { UiEventType: "PatientSelected" },
        { EndPointUrl: "ftp://x", UiEventType: "PatientSelected" },
        { EndPointUrl: endpoint("/"), UiEventType: "ChartOpened" },
        { EndPointUrl: endpoint("/"), WatchTable: "Patient", PollingSeconds: 5 },
        // A blank Workstation is only for localhost endpoints [S10b].
        { EndPointUrl: "http://192.168.1.20:2097/", UiEventType: "PatientSelected" },
      ]) {
        expect((await s.call("/subscriptions", { body })).status).toBe(400);
      }
      for (const EndPointUrl of ["http://localhost:2097/", "http://[::1]:2097/", "http://192.168.1.20:2097/"]) {
        const Workstation = EndPointUrl.includes("192.168") ? "FRONT-PC" : undefined;
        const res = await s.call("/subscriptions", {
          body: { EndPointUrl, Workstation, UiEventType: "PatientSelected" },
        });
        expect(res.status).toBe(201);
      }
      expect((await s.control("/select-patient", "POST", { PatNum: 9999, Workstation: "X" })).status).toBe(404);
      expect((await s.control("/select-patient", "POST", { PatNum: 1 })).status).toBe(400);
    });
  });
}
