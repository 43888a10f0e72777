import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type OpenDentalClient, OpenDentalError } from "../src/index.ts";
import { drive } from "./support/clock.ts";
import { testDatabases } from "./support/databases.ts";
import { KEYS, startOffice, type TestOffice } from "./support/office.ts";

const note = (text: string) => ({ PatNum: 2, ProcNum: 1, Note: text });

/** The rejection of `work`, which must fail with an OpenDentalError. */
async function failure(work: Promise<unknown>): Promise<OpenDentalError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OpenDentalError)) throw new Error(`expected an OpenDentalError, got ${String(error)}`);
  return error;
}

/** Waits until `condition` holds (polling: what it watches lives in another server's hands). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 1));
}

for (const db of testDatabases()) {
  describe(`every fault class, as the writer will meet it (${db.name})`, () => {
    let office: TestOffice;
    let od: OpenDentalClient;
    const notes = async () => (await office.store.select("procnote")).length;
    beforeAll(async () => {
      office = await startOffice(await db.fresh());
      od = office.client();
    });
    afterAll(() => office.stop());

    test("a 5xx before the write: retry; the outcome is unknown to the client, and indeed nothing was written", async () => {
      const before = await notes();
      await office.control("/fail", "POST", { kind: "status", status: 503, path: "/procnotes" });
      const error = await failure(od.procNotes.post(note("x")));
      expect(error).toMatchObject({ code: "server_error", action: "retry", status: 503, outcomeUnknown: true });
      expect(await notes()).toBe(before);
      // A read failing the same way has nothing unknown about it.
      await office.control("/fail", "POST", { kind: "status", status: 502, path: "/patients" });
      expect(await failure(od.patients.get(1))).toMatchObject({ code: "server_error", outcomeUnknown: false });
    });

    test("a timeout after the write went through: Open Dental's 504 after 60 s, outcome unknown, note written", async () => {
      const before = await notes();
      await office.control("/fail", "POST", { kind: "timeout", afterWrite: true, path: "/procnotes" });
      const pending = od.procNotes.post(note("written, answer lost"));
      // Once the office has written it and is holding the answer (its 60 s timer is set), let 60 s pass.
      await until(async () => (await notes()) > before && office.clock.nextDue() === 60_000);
      office.clock.advance(60_000);
      const error = await failure(pending);
      expect(error).toMatchObject({ code: "gateway_timeout", action: "retry", status: 504, outcomeUnknown: true });
      expect(await notes()).toBe(before + 1);
    });

    test("the client's own deadline: timeout, outcome unknown; the office finishes the write later", async () => {
      const quick = office.client({ timeoutMs: 30_000 });
      const before = await notes();
      await office.control("/fail", "POST", { kind: "timeout", afterWrite: true, path: "/procnotes" });
      const pending = quick.procNotes.post(note("deadline"));
      await until(async () => (await notes()) > before);
      office.clock.advance(30_000);
      expect(await failure(pending)).toMatchObject({ code: "timeout", action: "retry", outcomeUnknown: true });
      await office.control("/fail", "DELETE");
    });

    test("a connection dropped after the write: network, outcome unknown", async () => {
      const before = await notes();
      await office.control("/fail", "POST", { kind: "reset", afterWrite: true, path: "/procnotes" });
      expect(await failure(od.procNotes.post(note("reset")))).toMatchObject({ code: "network", outcomeUnknown: true });
      expect(await notes()).toBe(before + 1);
    });

    test("the eConnector down: office_unreachable, and the write certainly did not happen", async () => {
      await office.control("/fail", "POST", { kind: "econnector" });
      const error = await failure(od.procNotes.post(note("x")));
      expect(error).toMatchObject({ code: "office_unreachable", action: "retry", status: 400, outcomeUnknown: false });
      expect(error.explanation).toContain("eConnector");
    });

    test("a disabled key is 401: fix the setup; a read-only key writing lacks the permission", async () => {
      await office.control(`/keys/${KEYS.all}`, "PUT", { enabled: false });
      try {
        expect(await failure(od.setup.providers())).toMatchObject({
          code: "unauthorized",
          action: "fix_setup",
          status: 401,
        });
      } finally {
        await office.control(`/keys/${KEYS.all}`, "PUT", { enabled: true });
      }
      const reader = office.client({ customer: KEYS.read });
      expect(await failure(reader.procNotes.post(note("x")))).toMatchObject({
        code: "permission_denied",
        action: "fix_setup",
      });
      const unknownKey = office.client({ customer: "notAKey123" });
      expect(await failure(unknownKey.patients.get(1))).toMatchObject({ code: "unauthorized" });
    });

    test("an answer that is not what Open Dental sends: invalid_response, and for a write, outcome unknown", async () => {
      const lying = office.client({
        fetch: (async () => new Response('{"ProcNoteNum":"seven"}', { status: 201 })) as unknown as typeof fetch,
      });
      expect(await failure(lying.procNotes.post(note("x")))).toMatchObject({
        code: "invalid_response",
        action: "retry",
        outcomeUnknown: true,
      });
      const deep = office.client({
        fetch: (async () => new Response(`${"[".repeat(100)}${"]".repeat(100)}`)) as unknown as typeof fetch,
      });
      expect(await failure(deep.setup.providers())).toMatchObject({ code: "invalid_response", outcomeUnknown: false });
      const huge = office.client({ limits: { maxBytes: 1000, maxDepth: 16 } });
      expect(await failure(huge.patients.search({}))).toMatchObject({ code: "invalid_response" });
    });

    test("no endpoint answering at all: network, retry", async () => {
      const gone = Bun.serve({ port: 0, fetch: () => new Response() });
      const port = gone.port;
      await gone.stop(true);
      const nowhere = office.client({ endpoints: [{ mode: "service", url: `http://127.0.0.1:${port}/api/v1` }] });
      expect(await failure(drive(office.clock, nowhere.patients.get(1)))).toMatchObject({
        code: "network",
        action: "retry",
        outcomeUnknown: false,
      });
    });
  });
}
