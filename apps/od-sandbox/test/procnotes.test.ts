import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { removeLongBlankRuns, signatureLine } from "../src/services/note-text.ts";
import { testDatabases } from "./support/databases.ts";
import { jsonList, jsonRecord, KEYS, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

describe("note text rules", () => {
  test("50 or more consecutive blank lines are removed; 49 are kept", () => {
    expect(removeLongBlankRuns(`a\r\n${"\r\n".repeat(50)}b`)).toBe("a\r\nb");
    expect(removeLongBlankRuns(`a\n${"  \n".repeat(60)}b`)).toBe("a\nb");
    const kept = `a\n${"\n".repeat(49)}b`;
    expect(removeLongBlankRuns(kept)).toBe(kept);
  });

  test("the signature line follows the documented pattern", () => {
    expect(signatureLine("Acme", "2024-09-10 11:56:29")).toBe(
      "Digitally Signed by Acme Date Signed: 09/10/2024 11:56:29 AM",
    );
    expect(signatureLine("Acme", "2024-09-10 13:05:00")).toBe(
      "Digitally Signed by Acme Date Signed: 09/10/2024 13:05:00 PM",
    );
  });
});

for (const db of testDatabases()) {
  describe(`procnotes (${db.name})`, () => {
    let s: TestSandbox;
    let procNum: number;
    beforeAll(async () => {
      s = await startTestSandbox(await db.fresh());
      const proc = await jsonRecord(
        await s.call("/procedurelogs", {
          body: { PatNum: 3, ProcDate: "2025-03-14", ProcStatus: "C", procCode: "Zclin", AptNum: 3 },
        }),
      );
      procNum = Number(proc.ProcNum);
    });
    afterAll(() => s.stop());

    const post = (body: Record<string, unknown>) =>
      s.call("/procnotes", { body: { PatNum: 3, ProcNum: procNum, ...body } });

    test("every POST adds a row (201 with the object); GET lists newest first; nothing is overwritten", async () => {
      const first = await post({ Note: "Exam done." });
      expect(first.status).toBe(201);
      expect(await jsonRecord(first)).toMatchObject({
        PatNum: 3,
        ProcNum: procNum,
        Note: "Exam done.",
        UserNum: 0,
        SigIsTopaz: "false",
        isSigned: "false",
        EntryDateTime: "2025-03-14 10:30:00",
      });
      s.clock.advance(60_000);
      await post({ Note: "Replaced." });
      const notes = await jsonList(await s.call(`/procnotes?ProcNum=${procNum}`));
      expect(notes.map((n) => n.Note)).toEqual(["Replaced.", "Exam done."]);
      expect(notes.map((n) => n.EntryDateTime)).toEqual(["2025-03-14 10:31:00", "2025-03-14 10:30:00"]);
      expect(Number(notes[0]?.ProcNoteNum)).toBeGreaterThan(Number(notes[1]?.ProcNoteNum));
    });

    test('doAppendNote "true" prepends the latest note and \\r\\n\\r\\n', async () => {
      const res = await jsonRecord(await post({ Note: "Addendum.", doAppendNote: "true" }));
      expect(res.Note).toBe("Replaced.\r\n\r\nAddendum.");
      const [latest] = await jsonList(await s.call(`/procnotes?ProcNum=${procNum}&Limit=1`));
      expect(latest?.Note).toBe("Replaced.\r\n\r\nAddendum.");
      expect((await jsonList(await s.call(`/procnotes?ProcNum=${procNum}`))).length).toBe(3);
    });

    test("concurrent appends both land, each on top of the other", async () => {
      await Promise.all([post({ Note: "One.", doAppendNote: "true" }), post({ Note: "Two.", doAppendNote: "true" })]);
      const [latest] = await jsonList(await s.call(`/procnotes?ProcNum=${procNum}`));
      expect(latest?.Note).toMatch(/^Replaced\.\r\n\r\nAddendum\.\r\n\r\n(One\.\r\n\r\nTwo\.|Two\.\r\n\r\nOne\.)$/);
    });

    test('isSigned "true" stores the documented signature line in the developer\'s name', async () => {
      const signed = await jsonRecord(await post({ Note: "Signed note.", isSigned: "true" }));
      expect(signed.isSigned).toBe("true");
      expect(signed).not.toHaveProperty("Signature");
      const [row] = await s.store.select("procnote", {
        where: [{ column: "ProcNoteNum", op: "=", value: Number(signed.ProcNoteNum) }],
      });
      expect(row?.Signature).toBe(`Digitally Signed by ${KEYS.developerName} Date Signed: 03/14/2025 10:31:00 AM`);
      // A later unsigned version is not signed: the signature belongs to the text it signed.
      expect((await jsonRecord(await post({ Note: "More.", doAppendNote: "true" }))).isSigned).toBe("false");
    });

    test("50+ consecutive blank lines are removed on POST", async () => {
      const res = await jsonRecord(await post({ Note: `Top${"\r\n".repeat(55)}Bottom` }));
      expect(res.Note).toBe("Top\r\nBottom");
    });

    test("filters by PatNum; validation and missing records are 400 and 404 with explanations", async () => {
      expect((await jsonList(await s.call("/procnotes?PatNum=3"))).every((n) => n.PatNum === 3)).toBe(true);
      const cases: [Record<string, unknown>, number, string][] = [
        [{ PatNum: 3, ProcNum: procNum }, 400, "Note is required."],
        [{ PatNum: 3, Note: "x" }, 400, "ProcNum is required."],
        [{ PatNum: 3, ProcNum: procNum, Note: "x", isSigned: true }, 400, 'isSigned must be either "true" or "false".'],
        [
          { PatNum: 3, ProcNum: procNum, Note: "x", doAppendNote: "yes" },
          400,
          'doAppendNote must be either "true" or "false".',
        ],
        [{ PatNum: 3, ProcNum: 99999, Note: "x" }, 404, "Procedure not found."],
        [{ PatNum: 99999, ProcNum: procNum, Note: "x" }, 404, "Patient not found."],
        [{ PatNum: 4, ProcNum: procNum, Note: "x" }, 400, "ProcNum does not belong to PatNum."],
        [{ PatNum: 3, ProcNum: procNum, Note: "x".repeat(70_000) }, 400, "Note must be at most 65535 characters."],
      ];
      for (const [body, status, message] of cases) {
        const res = await s.call("/procnotes", { body });
        expect([res.status, await res.json()]).toEqual([status, message]);
      }
    });
  });
}
