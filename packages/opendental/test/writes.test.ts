import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { OdProcedureCode, OpenDentalClient } from "../src/index.ts";
import { testDatabases } from "./support/databases.ts";
import { startOffice, type TestOffice } from "./support/office.ts";

for (const db of testDatabases()) {
  describe(`writing to an office over HTTP (${db.name})`, () => {
    let office: TestOffice;
    let od: OpenDentalClient;
    let zclin: OdProcedureCode;
    beforeAll(async () => {
      office = await startOffice(await db.fresh());
      od = office.client();
      const code = await od.setup.procedureCode("Zclin");
      if (!code) throw new Error("the demo office has Zclin");
      zclin = code;
    });
    afterAll(() => office.stop());

    test("a completed Zclin procedure on today's appointment, sent by CodeNum, then a note read back", async () => {
      const proc = await od.procedures.create(
        { PatNum: 2, ProcDate: "2025-03-14", ProcStatus: "C", code: zclin, AptNum: 2, ProvNum: 1 },
        { reportId: "rep_1" },
      );
      expect(proc).toMatchObject({
        PatNum: 2,
        AptNum: 2,
        procCode: "Zclin",
        ProcStatus: "C",
        ProvNum: 1,
        DateTStamp: null,
      });
      expect(office.sent.at(-1)?.body).toMatchObject({ CodeNum: zclin.CodeNum });
      expect(office.sent.at(-1)?.body).not.toHaveProperty("procCode");
      const text = "History: none.\r\nFindings: caries 3.\r\n[sofia:rep_1]";
      const posted = await od.procNotes.post({ PatNum: 2, ProcNum: proc.ProcNum, Note: text }, { reportId: "rep_1" });
      expect(posted).toMatchObject({
        signed: false,
        appended: false,
        note: { Note: text, isSigned: false, UserNum: 0 },
      });
      // Unsigned is the default: the field is not even sent.
      expect(office.sent.at(-1)?.body).toEqual({ PatNum: 2, ProcNum: proc.ProcNum, Note: text });
      const [latest] = await od.procNotes.list({ PatNum: 2, ProcNum: proc.ProcNum });
      expect(latest?.ProcNoteNum).toBe(posted.note.ProcNoteNum);
    });

    test("appending and signing, where the office has them", async () => {
      const proc = await od.procedures.create({ PatNum: 3, ProcDate: "2025-03-14", ProcStatus: "C", code: zclin });
      await od.procNotes.post({ PatNum: 3, ProcNum: proc.ProcNum, Note: "First." });
      const second = await od.procNotes.post({
        PatNum: 3,
        ProcNum: proc.ProcNum,
        Note: "Second.",
        append: true,
        signed: true,
      });
      expect(second).toMatchObject({
        signed: true,
        appended: true,
        note: { Note: "First.\r\n\r\nSecond.", isSigned: true },
      });
      expect(office.sent.at(-1)?.body).toMatchObject({ doAppendNote: "true", isSigned: "true" });
      const notes = await od.procNotes.list({ ProcNum: proc.ProcNum });
      expect(notes.map((n) => n.Note)).toEqual(["First.\r\n\r\nSecond.", "First."]);
    });

    test("a note too long for Open Dental's column is refused before sending", async () => {
      const before = office.sent.length;
      const long = "é".repeat(40_000); // 80,000 bytes
      await expect(od.procNotes.post({ PatNum: 2, ProcNum: 1, Note: long })).rejects.toMatchObject({
        code: "bad_request",
      });
      expect(office.sent.length).toBe(before);
    });

    test("Open Dental's validation comes back as give_up with its explanation", async () => {
      const wrongPatient = od.procNotes.post({ PatNum: 3, ProcNum: 1, Note: "x" });
      await expect(wrongPatient).rejects.toMatchObject({
        code: "bad_request",
        action: "give_up",
        status: 400,
        outcomeUnknown: false,
        explanation: "ProcNum does not belong to PatNum.",
      });
    });

    test("a commlog and a DOCX uploaded to the patient's images", async () => {
      const log = await od.commlogs.post({ PatNum: 4, Note: "Visit report written.", commType: "Misc" });
      expect(log).toMatchObject({ PatNum: 4, commType: "Misc", Mode_: "Phone", SentOrReceived: "Sent" });
      expect((await od.commlogs.list(4)).map((c) => c.CommlogNum)).toEqual([log?.CommlogNum ?? -1]);
      const [category] = (await od.setup.definitions(18)).filter((d) => d.ItemName === "Clinical Notes");
      const doc = await od.documents.upload({
        PatNum: 4,
        rawBase64: Buffer.from("PK\u0003\u0004 docx").toString("base64"),
        extension: ".docx",
        Description: "Visit report [sofia:rep_9]",
        DocCategory: category?.DefNum,
      });
      expect(doc).toMatchObject({ PatNum: 4, docCategory: "Clinical Notes", ImgType: "Document" });
      const listed = await od.documents.list(4);
      expect(listed.map((d) => [d.DocNum, d.Description])).toEqual([[doc.DocNum, "Visit report [sofia:rep_9]"]]);
      expect(listed[0]).not.toHaveProperty("Note");
    });

    test("subscriptions: create, list, change, remove; a duplicate is Open Dental's 400", async () => {
      const endpoint = { EndPointUrl: "http://localhost:2097/sofia", UiEventType: "PatientSelected" } as const;
      const sub = await od.subscriptions.create(endpoint);
      expect(sub).toMatchObject({ EndPointUrl: endpoint.EndPointUrl, Workstation: "", UiEventType: "PatientSelected" });
      await expect(od.subscriptions.create(endpoint)).rejects.toMatchObject({ code: "bad_request" });
      await od.subscriptions.update(sub.SubscriptionNum, { Note: "Sofia agent" });
      expect((await od.subscriptions.list()).find((s) => s.SubscriptionNum === sub.SubscriptionNum)?.Note).toBe(
        "Sofia agent",
      );
      await od.subscriptions.remove(sub.SubscriptionNum);
      expect(await od.subscriptions.list()).toEqual([]);
      await expect(od.subscriptions.remove(sub.SubscriptionNum)).rejects.toMatchObject({ code: "not_found" });
    });

    test("writes go one at a time, and a second write for the same report is refused while one is pending", async () => {
      const post = (reportId: string, note: string) =>
        od.procNotes.post({ PatNum: 2, ProcNum: 1, Note: note }, { reportId });
      const results = await Promise.allSettled([post("rep_a", "a"), post("rep_a", "a again"), post("rep_b", "b")]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(results[1]).toMatchObject({ reason: { code: "write_in_flight", action: "retry", outcomeUnknown: false } });
      expect(office.maxWritesInFlight()).toBe(1);
      // Once the first is done, the report may write again.
      expect((await post("rep_a", "a later")).note.Note).toBe("a later");
    });
  });
}
