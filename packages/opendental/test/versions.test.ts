import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { OdProcedureCode, OpenDentalClient } from "../src/index.ts";
import { testDatabases } from "./support/databases.ts";
import { startOffice, type TestOffice } from "./support/office.ts";

const ZCLIN = (codes: OdProcedureCode[]) => {
  const code = codes.find((c) => c.ProcCode === "Zclin");
  if (!code) throw new Error("the demo office has Zclin");
  return code;
};

for (const db of testDatabases()) {
  describe(`an office on Open Dental 24.1.5, which refuses what it does not have (${db.name})`, () => {
    let office: TestOffice;
    let od: OpenDentalClient;
    beforeAll(async () => {
      office = await startOffice(await db.fresh(), { version: "24.1.5.0" });
      od = office.client();
    });
    afterAll(() => office.stop());

    test("the client reads the office's version and knows its gated features", async () => {
      const features = await od.features();
      expect(features.version).toBe("24.1.5.0");
      expect(features.features).toMatchObject({
        procNotesGet: "unsupported",
        appendNote: "unsupported",
        signNote: "unsupported",
        procedureCodeNum: "unsupported",
        computers: "supported",
        appointmentsByOperatory: "supported",
      });
    });

    test("a procedure is created by procCode, since CodeNum needs 25.2.21", async () => {
      const zclin = ZCLIN(await od.setup.procedureCodes());
      const proc = await od.procedures.create({
        PatNum: 2,
        ProcDate: "2025-03-14",
        ProcStatus: "C",
        code: zclin,
        AptNum: 2,
      });
      expect(proc.procCode).toBe("Zclin");
      expect(office.sent.at(-1)?.body).toMatchObject({ procCode: "Zclin" });
      expect(office.sent.filter((r) => r.method === "POST" && r.body?.CodeNum !== undefined)).toEqual([]);
    });

    test("a signed note is written unsigned (and says so); isSigned is never sent", async () => {
      const posted = await od.procNotes.post({ PatNum: 2, ProcNum: 1, Note: "Unsigned here.", signed: true });
      expect(posted).toMatchObject({ signed: false, note: { isSigned: false } });
      expect(office.sent.at(-1)?.body).toEqual({ PatNum: 2, ProcNum: 1, Note: "Unsigned here." });
    });

    test("reading notes back and appending are version_too_old (fix_setup), decided without a request", async () => {
      const before = office.sent.length;
      await expect(od.procNotes.list({ ProcNum: 1 })).rejects.toMatchObject({
        code: "version_too_old",
        action: "fix_setup",
        feature: "ProcNotes GET",
      });
      await expect(od.procNotes.post({ PatNum: 2, ProcNum: 1, Note: "x", append: true })).rejects.toMatchObject({
        code: "version_too_old",
        feature: "doAppendNote",
      });
      expect(office.sent.length).toBe(before);
    });

    test("when the office does not say its version, its 400 decides: CodeNum refused, procCode used", async () => {
      // The same 24.1.5 office, its ProgramVersion hidden from this client.
      const tries: [string, number][] = [];
      const hiding = (async (input: Request | string | URL, init?: RequestInit) => {
        if (String(input).includes("PrefName=ProgramVersion")) return new Response("[]");
        const response = await fetch(input, init);
        const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
        if (init?.method === "POST") tries.push([body.CodeNum !== undefined ? "CodeNum" : "procCode", response.status]);
        if (String(input).includes("/procnotes")) tries.push([`${init?.method ?? "GET"} /procnotes`, response.status]);
        return response;
      }) as typeof fetch;
      const fresh = office.client({ fetch: hiding });
      expect((await fresh.features()).version).toBeNull();
      const zclin = ZCLIN(await fresh.setup.procedureCodes());
      const proc = await fresh.procedures.create({ PatNum: 3, ProcDate: "2025-03-14", ProcStatus: "C", code: zclin });
      expect(proc.procCode).toBe("Zclin");
      expect(tries).toEqual([
        ["CodeNum", 400],
        ["procCode", 201],
      ]);
      expect((await fresh.features()).features.procedureCodeNum).toBe("unsupported");
      // ProcNotes GET: tried once, refused, then known without asking again.
      await expect(fresh.procNotes.list({ ProcNum: 1 })).rejects.toMatchObject({ code: "version_too_old" });
      await expect(fresh.procNotes.list({ ProcNum: 1 })).rejects.toMatchObject({ code: "version_too_old" });
      expect(tries.slice(2)).toEqual([["GET /procnotes", 400]]);
    });

    test("a version 400 from an office believed new enough overrules the belief", async () => {
      await office.control("/version", "PUT", { ProgramVersion: "25.3.41.0" });
      try {
        const fresh = office.client();
        expect((await fresh.features()).features.procedureCodeNum).toBe("supported");
        await office.control("/fail", "POST", { kind: "version", method: "POST", path: "/procedurelogs" });
        const zclin = ZCLIN(await fresh.setup.procedureCodes());
        const proc = await fresh.procedures.create({ PatNum: 3, ProcDate: "2025-03-14", ProcStatus: "C", code: zclin });
        expect(proc.procCode).toBe("Zclin");
        expect(office.sent.slice(-2).map((r) => [Object.keys(r.body ?? {}).includes("CodeNum"), r.status])).toEqual([
          [true, 400],
          [false, 201],
        ]);
        expect((await fresh.features()).features.procedureCodeNum).toBe("unsupported");
      } finally {
        await office.control("/version", "PUT", { ProgramVersion: "24.1.5.0" });
      }
    });
  });

  describe(`an old office that ignores fields it does not know (${db.name})`, () => {
    let office: TestOffice;
    beforeAll(async () => {
      office = await startOffice(await db.fresh(), { version: "23.1.2.0", gatedParts: "ignore" });
    });
    afterAll(() => office.stop());

    test("the client does not rely on it: appointments of one operatory stay of that operatory", async () => {
      const od = office.client();
      const op1 = await od.appointments.list({ date: "2025-03-14", Op: 1 });
      expect(op1.length).toBeGreaterThan(0);
      expect(op1.every((a) => a.Op === 1)).toBe(true);
      // Op (23.2.27) is not even sent to a 23.1 office.
      expect(office.sent.at(-1)?.query.has("Op")).toBe(false);
    });

    test("procedures of an appointment without the AptNum filter (22.3.32 is fine here), and by patient", async () => {
      const od = office.client();
      const ofApt = await od.procedures.list({ AptNum: 2 });
      expect(ofApt.every((p) => p.AptNum === 2)).toBe(true);
    });
  });
}
