import { afterAll, describe } from "bun:test";
import { type ContractTarget, contractSuite, probeContractTarget } from "./contract/suite.ts";
import { jsonList, jsonRecord, KEYS, startTestSandbox } from "./support/sandbox.ts";

// The same suite body, against the sandbox always and against a real Open Dental when configured.
// Targets are set up before the tests are registered: which checks run depends on their data.
const sandbox = await startTestSandbox(":memory:");
afterAll(() => sandbox.stop());
const sandboxTarget: ContractTarget = {
  api: sandbox.api,
  developerKey: KEYS.developer,
  customerKey: KEYS.all,
  allowWrites: true,
  spacingMs: 0,
  today: "2025-03-14",
  requireData: true,
};
// The demo office has no procedure notes: the office's history gets two, so that the procnotes
// check has rows to examine (it must not pass on an empty list).
await seedNotes(sandboxTarget);
const sandboxData = await probeContractTarget(sandboxTarget);
describe("contract suite against the sandbox", () => contractSuite(sandboxTarget, sandboxData));

const { OD_BASE_URL, OD_DEVELOPER_KEY, OD_CUSTOMER_KEY, OD_ALLOW_WRITES } = process.env;
if (OD_BASE_URL && OD_DEVELOPER_KEY && OD_CUSTOMER_KEY) {
  const real: ContractTarget = {
    api: OD_BASE_URL.replace(/\/$/, ""),
    developerKey: OD_DEVELOPER_KEY,
    customerKey: OD_CUSTOMER_KEY,
    allowWrites: OD_ALLOW_WRITES === "1",
    // Remote keys are throttled (5 s read-only, 1 s otherwise); space requests to stay within it.
    spacingMs: Number(process.env.OD_SPACING_MS ?? 5100),
    today: new Date().toISOString().slice(0, 10),
    requireData: false,
  };
  const realData = await probeContractTarget(real);
  describe(`contract suite against ${OD_BASE_URL}`, () => contractSuite(real, realData));
} else {
  console.log(
    "od-sandbox: OD_BASE_URL/OD_DEVELOPER_KEY/OD_CUSTOMER_KEY not set; contract tests against a real Open Dental skipped.",
  );
}

/** Writes a Zclin procedure and two notes on the first patient, through the API. */
async function seedNotes(t: ContractTarget): Promise<void> {
  const headers = { Authorization: `ODFHIR ${t.developerKey}/${t.customerKey}`, "Content-Type": "application/json" };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${t.api}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return jsonRecord(res);
  };
  const [patient] = await jsonList(await fetch(`${t.api}/patients?Limit=1`, { headers }));
  const proc = await post("/procedurelogs", {
    PatNum: patient?.PatNum,
    ProcDate: t.today,
    ProcStatus: "C",
    procCode: "Zclin",
  });
  for (const Note of ["First note.", "Second note."])
    await post("/procnotes", { PatNum: patient?.PatNum, ProcNum: proc.ProcNum, Note });
}
