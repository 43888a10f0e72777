import { z } from "zod";

/** The demo office's API keys, added to the sandbox on first run (letters and digits, as Open Dental issues them). */
export const DEMO_OD_KEYS = { developer: "devSofiaDemo01", customer: "custSofiaDemo01" } as const;

/** Who the sandbox's demo seed seats in operatory 1 (workstation OP1-PC): `apps/od-sandbox/src/demo`. */
export const SEATED = { first: "Mateo", last: "Garcia", birthdate: "1979-07-30", workstation: "OP1-PC" } as const;

/** A look-alike of the seated patient: the same name, a birthdate with two digits swapped. */
export const LOOK_ALIKE = { first: "Mateo", last: "Garcia", birthdate: "1979-03-07" } as const;

/** The `Authorization` header of the demo office's API. */
export const OD_AUTH = `ODFHIR ${DEMO_OD_KEYS.developer}/${DEMO_OD_KEYS.customer}`;

const Patients = z.array(z.object({ PatNum: z.number().int().positive(), Birthdate: z.string() }).loose()).max(50);
const Note = z.object({ ProcNoteNum: z.number().int(), PatNum: z.number().int(), Note: z.string() }).loose();
const Notes = z.array(Note).max(1000);
export type ProcNote = z.infer<typeof Note>;

/** The demo office's API, as the launcher and the demo read it. */
export class DemoOffice {
  constructor(readonly apiUrl: string) {}

  /** The seated patient's PatNum: the one patient with that name and birthdate. */
  async seatedPatNum(): Promise<number> {
    const query = new URLSearchParams({ LName: SEATED.last, FName: SEATED.first });
    const found = Patients.parse(await this.get(`/patients/Simple?${query}`)).filter(
      (p) => p.Birthdate === SEATED.birthdate,
    );
    if (found.length !== 1 || !found[0])
      throw new Error(`the demo office has ${found.length} ${SEATED.first} ${SEATED.last}`);
    return found[0].PatNum;
  }

  /** The procedure notes on a patient's chart, newest first. */
  async notes(patNum: number): Promise<ProcNote[]> {
    return Notes.parse(await this.get(`/procnotes?PatNum=${patNum}`));
  }

  /** A user selects `patNum` in OpenDental.exe on `workstation`: the sandbox fires PatientSelected. */
  async select(patNum: number, workstation: string): Promise<void> {
    const control = this.apiUrl.replace(/\/api\/v1$/, "/_sandbox");
    const response = await fetch(`${control}/select-patient`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ PatNum: patNum, Workstation: workstation }),
    });
    if (!response.ok) throw new Error(`the sandbox answered ${response.status} to select-patient`);
    await response.body?.cancel();
  }

  private async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      // Open Dental's API asks for it on every request, GETs included.
      headers: { authorization: OD_AUTH, "content-type": "application/json" },
    });
    if (!response.ok) throw new Error(`the sandbox answered ${response.status} to GET ${path}`);
    return response.json();
  }
}
