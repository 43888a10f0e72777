import { afterEach, describe, expect, test } from "bun:test";
import { testDatabases } from "@sofia/testing/databases";
import { TestClinic } from "../support/od-clinic.ts";

const databases = testDatabases("@sofia/agent Open Dental", "od_agent");
let clinic: TestClinic | null = null;
afterEach(async () => {
  await clinic?.close();
  clinic = null;
});

describe.each(databases)("end to end on $name", (db) => {
  test.each(["v2", "v1"] as const)(
    "over %s: POST /v1/reports → hub → agent → a note on the chair's patient's Zclin procedure, today's appointment",
    async (protocol) => {
      clinic = await TestClinic.open({ db: await db.fresh(), protocol });
      const { office } = clinic;
      const garcia = office.ids.patient("Mateo", "Garcia", "1979-07-30");
      await clinic.select(garcia);
      const before = await office.counts();
      const started = performance.now();
      const id = await clinic.publish({ name: "Garcia, Mateo", birthdate: "1979-07-30" }, "e2e");
      const entry = await clinic.settled(id);
      const latencyMs = performance.now() - started;
      console.log(
        `end to end (${db.name}, ${protocol}): report published → written in Open Dental in ${latencyMs.toFixed(0)} ms`,
      );
      expect({ state: entry.state, reason: entry.reason }).toEqual({ state: "written", reason: null });

      // Exactly one procedure and one note, on the right patient, today's appointment, the doctor's provider.
      expect(await office.counts()).toEqual({
        ...before,
        procedurelog: before.procedurelog + 1,
        procnote: before.procnote + 1,
      });
      const [appointment] = await office.store.select("appointment", {
        where: [{ column: "PatNum", op: "=", value: garcia }],
      });
      const [procedure] = await office.store.select("procedurelog", {
        where: [{ column: "CodeNum", op: "=", value: office.ids.zclin }],
      });
      expect(procedure).toMatchObject({
        PatNum: garcia,
        AptNum: appointment?.AptNum,
        ProvNum: office.ids.dentist,
        ProcStatus: 2,
      });
      expect(procedure?.ProcDate).toBe(appointment?.AptDateTime.slice(0, 10));
      const [note] = await office.store.select("procnote", {
        where: [{ column: "ProcNum", op: "=", value: procedure?.ProcNum ?? 0 }],
      });
      expect(note?.PatNum).toBe(garcia);
      expect(note?.Note).toContain("history e2e");
      expect(note?.Note).toContain(`\r\n\r\nSofia report ${id} (AI-generated draft`);
      expect(note?.Note.replaceAll("\r\n", "")).not.toContain("\n");
      expect(note?.Signature).toBe(""); // unsigned: the dentist signs in Open Dental

      const ids = {
        PatNum: garcia,
        ProcNum: procedure?.ProcNum,
        ProcNoteNum: note?.ProcNoteNum,
        AptNum: appointment?.AptNum,
      };
      expect(entry.target?.ids).toMatchObject(ids);
      const audit = clinic.agent.openDental.audit.of(id);
      expect(audit.map((a) => [a.decision, a.pat_num, a.source, a.rule])).toEqual([
        ["write", garcia, "ui-event", "name-birthdate+chair"],
        ["written", garcia, "ui-event", "name-birthdate+chair"],
      ]);
      if (protocol === "v2") {
        const written = await clinic.statusAtHub(id, "written");
        expect(written.detail).toMatchObject({
          system: "opendental",
          "id.PatNum": garcia,
          "id.ProcNum": ids.ProcNum,
          "id.ProcNoteNum": ids.ProcNoteNum,
        });
        expect((await clinic.timeline(id)).status).toBe("written");
      } else {
        // v1 carries no statuses: the hub knows the report was sent, the agent's journal knows the rest.
        expect((await clinic.timeline(id)).events.map((e) => e.type)).not.toContain("written");
      }
    },
    60_000,
  );
});
