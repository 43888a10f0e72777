import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

for (const db of testDatabases()) {
  describe(`commlogs and documents (${db.name})`, () => {
    let s: TestSandbox;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
    });
    afterAll(() => s.stop());

    test("POST /commlogs applies the documented defaults: now, Miscellaneous, Phone, Sent", async () => {
      const res = await s.call("/commlogs", { body: { PatNum: 1, Note: "Called about the visit." } });
      expect(res.status).toBe(201);
      const log = await jsonRecord(res);
      expect(log).toMatchObject({
        PatNum: 1,
        CommDateTime: "2025-03-14 10:30:00",
        commType: "Misc",
        Mode_: "Phone",
        SentOrReceived: "Sent",
      });
      expect(await jsonRecord(await s.call(`/commlogs/${log.CommlogNum}`))).toMatchObject({
        Note: "Called about the visit.",
      });
    });

    test("commType (by name) wins over CommType; explicit Mode_ and SentOrReceived are kept", async () => {
      const log = await jsonRecord(
        await s.call("/commlogs", {
          body: {
            PatNum: 1,
            Note: "x",
            CommType: 999,
            commType: "Financial",
            Mode_: "In Person",
            SentOrReceived: "Received",
            CommDateTime: "2025-03-13 09:00:00",
          },
        }),
      );
      expect(log).toMatchObject({
        commType: "Financial",
        Mode_: "In Person",
        SentOrReceived: "Received",
        CommDateTime: "2025-03-13 09:00:00",
      });
      expect((await jsonList(await s.call("/commlogs?PatNum=1"))).length).toBe(2);
      for (const body of [
        { PatNum: 1 },
        { Note: "x" },
        { PatNum: 1, Note: "x", Mode_: "Pigeon" },
        { PatNum: 1, Note: "x", commType: "Nope" },
      ]) {
        expect((await s.call("/commlogs", { body })).status).toBe(400);
      }
      expect((await s.call("/commlogs", { body: { PatNum: 999, Note: "x" } })).status).toBe(404);
    });

    test("POST /documents/Upload stores the base64 in document.Note and returns the metadata", async () => {
      const rawBase64 = Buffer.from("%PDF-1.4 visit report").toString("base64");
      const res = await s.call("/documents/Upload", {
        body: { PatNum: 2, rawBase64, extension: ".pdf", Description: "Visit report", DocCategory: "Clinical Notes" },
      });
      expect(res.status).toBe(201);
      const doc = await jsonRecord(res);
      expect(doc).toMatchObject({
        PatNum: 2,
        Description: "Visit report",
        docCategory: "Clinical Notes",
        ImgType: "Document",
        DateCreated: "2025-03-14 10:30:00",
      });
      expect(doc).not.toHaveProperty("Note");
      const stored = await s.store.get("document", Number(doc.DocNum));
      expect(stored?.Note).toBe(`_rawBase64_:.pdf_${rawBase64}`);
      expect((await jsonList(await s.call("/documents?PatNum=2"))).length).toBe(1);
      const byNum = await jsonRecord(await s.call(`/documents/${doc.DocNum}`));
      expect(byNum.DocCategory).toBe(doc.DocCategory);
    });

    test.each([
      [{ PatNum: 2, extension: ".pdf" }, "rawBase64 is required."],
      [{ PatNum: 2, rawBase64: "not base64!", extension: ".pdf" }, "rawBase64 is not valid base64."],
      [{ PatNum: 2, rawBase64: "QUJD", extension: "pdf" }, 'extension must look like ".pdf".'],
      [{ PatNum: 2, rawBase64: "QUJD", extension: ".pdf", DocCategory: 99999 }, "DocCategory is invalid."],
      [
        { PatNum: 2, rawBase64: "QUJD", extension: ".pdf", ImgType: "Hologram" },
        "ImgType must be one of Document, Radiograph, Photo, File, Attachment.",
      ],
    ])("upload %j is 400: %s", async (body, message) => {
      const res = await s.call("/documents/Upload", { body });
      expect([res.status, await res.json()]).toEqual([400, message]);
    });
  });
}
