import { afterEach, describe, expect, test } from "bun:test";
import type { Patient } from "@sofia/protocol";
import { testDatabases } from "@sofia/testing/databases";
import { type ClinicOptions, TestClinic } from "../support/od-clinic.ts";

const databases = testDatabases("@sofia/agent Open Dental", "od_adversary");
let clinic: TestClinic | null = null;
afterEach(async () => {
  await clinic?.close();
  clinic = null;
});

const HOUR = 3_600_000;
const GARCIA = { name: "Mateo Garcia", birthdate: "1979-07-30" };

/** One attack on the rule: how the clinic is set, who is in the chair, what the report says, and the expected hold. */
interface Case {
  what: string;
  code: string;
  settings?: ClinicOptions["settings"];
  chair: (c: TestClinic) => Promise<void>;
  patient: (c: TestClinic) => Patient | undefined;
}

const selectGarcia = async (c: TestClinic) => c.select(c.office.ids.patient("Mateo", "Garcia"));
// Only what the workstation shows counts here: Garcia's appointment stays seated in the demo office.
const uiOnly = { "patient-sources": "ui-event,program-link" };

const CASES: Case[] = [
  {
    what: "a look-alike name (Sofia Lopes for Sofia Lopez)",
    code: "patient_not_found",
    chair: (c) => c.select(c.office.ids.patient("Sofia", "Lopez", "1983-10-12")),
    patient: () => ({ name: "Sofia Lopes", birthdate: "1983-10-12" }),
  },
  {
    what: "the same name with another birthdate (the other Sofia Lopez is in the chair)",
    code: "patient_mismatch",
    chair: (c) => c.select(c.office.ids.patient("Sofia", "Lopez", "1983-10-12")),
    patient: () => ({ name: "Lopez, Sofia", birthdate: "1983-10-21" }),
  },
  {
    what: "two charts with the same name and birthdate",
    code: "ambiguous_patient",
    chair: async (c) => {
      await c.office.store.insert("patient", { LName: "Smith", FName: "John", Birthdate: "1962-04-18", PatStatus: 3 });
      await c.select(c.office.ids.patient("John", "Smith", "1962-04-18"));
    },
    patient: () => ({ name: "John Smith", birthdate: "1962-04-18" }),
  },
  {
    what: "no patient selected",
    code: "no_current_patient",
    settings: uiOnly,
    chair: async () => {},
    patient: () => GARCIA,
  },
  {
    what: "the patient switched between the visit and the report",
    code: "patient_mismatch",
    settings: uiOnly,
    chair: async (c) => {
      await selectGarcia(c);
      await c.select(c.office.ids.patient("Linh", "Nguyen"));
    },
    patient: () => GARCIA,
  },
  {
    what: "a selection from yesterday",
    code: "stale_selection",
    settings: uiOnly,
    chair: async (c) =>
      c.agent.openDental.selections.record(
        "ui-event",
        "OP1-PC",
        c.office.ids.patient("Mateo", "Garcia"),
        Date.now() - 20 * HOUR,
      ),
    patient: () => GARCIA,
  },
  {
    what: "a report with no identifiers (chair-binding confirm)",
    code: "chair_confirmation_needed",
    chair: selectGarcia,
    patient: () => undefined,
  },
  {
    what: "an opendental_patnum that disagrees with the chair",
    code: "patient_mismatch",
    chair: selectGarcia,
    patient: (c) => ({ opendental_patnum: c.office.ids.patient("Linh", "Nguyen") }),
  },
  {
    what: "an opendental_patnum whose chart has another name",
    code: "patient_mismatch",
    chair: selectGarcia,
    patient: (c) => ({ opendental_patnum: c.office.ids.patient("Mateo", "Garcia"), name: "Linh Nguyen" }),
  },
  {
    what: "an opendental_patnum Open Dental does not have",
    code: "patient_not_found",
    chair: selectGarcia,
    patient: () => ({ opendental_patnum: 987_654 }),
  },
  {
    what: "a name without a birthdate",
    code: "missing_identifiers",
    chair: selectGarcia,
    patient: () => ({ name: "Mateo Garcia" }),
  },
  {
    what: "everything agrees, but the clinic reviews every report",
    code: "review_required",
    settings: { review: "always" },
    chair: selectGarcia,
    patient: () => GARCIA,
  },
];

describe.each(databases)("the adversarial matrix on $name", (db) => {
  test.each(CASES)(
    "$what → held $code, nothing written",
    async ({ code, settings, chair, patient }) => {
      clinic = await TestClinic.open({ db: await db.fresh(), protocol: "v2", ...(settings ? { settings } : {}) });
      await chair(clinic);
      const before = await clinic.office.counts();
      const id = await clinic.publish(patient(clinic));
      const entry = await clinic.settled(id);
      expect({ state: entry.state, code: entry.reason?.split(":")[0] }).toEqual({ state: "held", code });
      const held = await clinic.statusAtHub(id, "held");
      expect(held.detail).toMatchObject({ system: "opendental", "id.hold": code });
      expect(String(held.detail.reason)).toStartWith(`${code}: `);
      // Nothing written anywhere: no procedure, note, commlog, document — and no patient created.
      expect(await clinic.office.counts()).toEqual(before);
      expect(clinic.agent.openDental.ledger.get(id)).toBeNull();
      expect(clinic.agent.openDental.audit.of(id).map((a) => [a.decision, a.code])).toEqual([["hold", code]]);
      expect(clinic.agent.journal.get(id)?.hasContent).toBe(true); // kept for the person who acts on it
    },
    60_000,
  );
});
