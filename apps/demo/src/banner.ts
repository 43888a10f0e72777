import { consoleBanner, DEMO_REPORT } from "@sofia/hub/src/demo.ts";
import { LOOK_ALIKE, OD_AUTH, SEATED } from "./office.ts";
import type { Stack } from "./stack.ts";

/** The report Sofia's producer publishes for a patient: the body of `POST /v1/reports`. */
export function reportBody(doctorId: string, patient: { first: string; last: string; birthdate: string }): string {
  return JSON.stringify({
    doctor_id: doctorId,
    patient: { name: `${patient.last}, ${patient.first}`, birthdate: patient.birthdate },
    report: DEMO_REPORT,
  });
}

/** The producer's curl line publishing `body` (single-quoted: the body has no single quote). */
export function publishCurl(hubUrl: string, token: string, body: string): string {
  return `curl -s -X POST ${hubUrl}/v1/reports -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '${body}'`;
}

/** What `npm start` prints once everything is up: the same text on every start with the same ports. */
export function banner(s: Stack): string {
  const c = s.clinic;
  const pids = s.children.map((child) => `${child.name} ${child.pid}`).join(", ");
  const sandbox = s.office.apiUrl;
  return [
    "",
    "Sofia Bridge is running: the hub, the Open Dental sandbox (demo office) and the clinic's agent.",
    `  hub           ${s.hubUrl}   (demo clinic ${c.clinic_id}, doctor ${c.doctor_id})`,
    `  Open Dental   ${sandbox}   (the sandbox's demo office)`,
    `  agent         ${s.agent.link}`,
    "                (its status page: open it in a browser; the key in the link is this install's)",
    `  data          ${s.dataDir}   (logs in ${s.dataDir}/logs; processes ${pids})`,
    "",
    `In the chair of operatory 1 (workstation ${SEATED.workstation}): ${SEATED.first} ${SEATED.last}, born ${SEATED.birthdate}, PatNum ${s.seatedPatNum}.`,
    "",
    "1. Publish Sofia's report for him, as Sofia's producer does:",
    `  ${publishCurl(s.hubUrl, c.producer_token, reportBody(c.doctor_id, SEATED))}`,
    "",
    "2. See the procedure note the agent wrote on his chart (Open Dental's API, the sandbox's demo keys):",
    `  curl -s -H 'Authorization: ${OD_AUTH}' -H 'Content-Type: application/json' '${sandbox}/procnotes?PatNum=${s.seatedPatNum}'`,
    "",
    `3. A report for a look-alike (${LOOK_ALIKE.first} ${LOOK_ALIKE.last}, born ${LOOK_ALIKE.birthdate}) is not written: the agent holds it.`,
    `  ${publishCurl(s.hubUrl, c.producer_token, reportBody(c.doctor_id, LOOK_ALIKE))}`,
    `  It waits for a person on the agent's review page: ${s.agent.url}/review`,
    "",
    "4. Watch the reports and the care team's notifications live in the hub's console.",
    consoleBanner(s.hubUrl, true).trimEnd(),
    ...(c.operator_token
      ? [
          "  The hub's metrics (Prometheus text; the demo's operator token):",
          `  curl -s -H 'Authorization: Bearer ${c.operator_token}' ${s.hubUrl}/metrics`,
        ]
      : []),
    "",
    "Ctrl-C stops all three. npm start again reuses the data above and prints the same.",
    "",
  ].join("\n");
}
