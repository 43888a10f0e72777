#!/usr/bin/env bun
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportBody } from "./banner.ts";
import { LOOK_ALIKE, SEATED } from "./office.ts";
import { type Stack, startStack } from "./stack.ts";
import { waitFor } from "./wait.ts";

// `npm run demo`: the scenarios of `npm start`, played by themselves on a temporary directory and
// free ports, each step printed. Exits 0 when every step happened as described, 1 otherwise.
const dataDir = mkdtempSync(join(tmpdir(), "sofia-demo-"));
const step = (text: string) => console.log(`\n▶ ${text}`);
const saw = (text: string) => console.log(`  ✓ ${text}`);
let stack: Stack | null = null;
let code = 0;
try {
  step("Starting the hub, the Open Dental sandbox (demo office) and an enrolled agent on free ports…");
  stack = await startStack({ dataDir, hubPort: 0, sandboxPort: 0, agentPort: 0, eventsPort: 0 }, (line) =>
    console.log(`  ${line}`),
  );
  const s = stack;
  saw(`hub ${s.hubUrl}, Open Dental ${s.office.apiUrl}, agent ${s.agent.url}`);
  saw(`${SEATED.first} ${SEATED.last} (PatNum ${s.seatedPatNum}) is selected on ${SEATED.workstation}, operatory 1`);

  step(`Sofia publishes the report for ${SEATED.first} ${SEATED.last}, born ${SEATED.birthdate}…`);
  const written = await publish(s, reportBody(s.clinic.doctor_id, SEATED));
  saw(`the hub stored it as ${written}`);
  const note = await waitFor("the note in Open Dental", async () =>
    (await s.office.notes(s.seatedPatNum)).find((n) => n.Note.includes(written)),
  );
  saw(`Open Dental has procedure note ${note.ProcNoteNum} on PatNum ${note.PatNum}, ending "${lastLine(note.Note)}"`);
  const state = await waitFor("the agent's journal to say written", async () => {
    const r = await s.agent.report(written);
    return r?.state === "written" ? r : null;
  });
  saw(`the agent's journal says ${state.state}`);

  step(
    `Sofia publishes a report for a look-alike: ${LOOK_ALIKE.first} ${LOOK_ALIKE.last}, born ${LOOK_ALIKE.birthdate}…`,
  );
  const held = await publish(s, reportBody(s.clinic.doctor_id, LOOK_ALIKE));
  saw(`the hub stored it as ${held}`);
  const hold = await waitFor("the agent to hold it", async () => {
    const r = await s.agent.report(held);
    return r?.state === "held" ? r : null;
  });
  saw(`the agent held it: ${hold.reason ?? ""}`);
  const notes = (await s.office.notes(s.seatedPatNum)).filter((n) => n.Note.includes(held));
  if (notes.length > 0) throw new Error("the look-alike's report reached a chart");
  saw(`no note was written for it; it waits for a person on ${s.agent.url}/review`);
  console.log("\nThe demo played every step as described.");
} catch (error) {
  console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  step("Stopping the agent, the sandbox and the hub…");
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  saw("stopped; the temporary directory is removed");
}
process.exit(code);

async function publish(s: Stack, body: string): Promise<string> {
  const response = await fetch(`${s.hubUrl}/v1/reports`, {
    method: "POST",
    headers: { authorization: `Bearer ${s.clinic.producer_token}`, "content-type": "application/json" },
    body,
  });
  const answer = await response.json();
  const id = typeof answer === "object" && answer !== null && "id" in answer ? String(answer.id) : "";
  if (response.status !== 202 || !id) throw new Error(`the hub answered ${response.status}: ${JSON.stringify(answer)}`);
  return id;
}

function lastLine(note: string): string {
  return (note.trim().split("\r\n").pop() ?? "").slice(0, 100);
}
