import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { readFileSync, statSync } from "node:fs";
import { testDatabases } from "@sofia/testing/databases";
import { useHomes } from "../support/agent-harness.ts";
import { TestClinic } from "../support/od-clinic.ts";
import { OD_KEYS, startTestOffice, type TestOffice } from "../support/od-office.ts";

const [sqlite] = testDatabases("@sofia/agent Open Dental", "od_cli");
const newHome = useHomes();
let office: TestOffice | null = null;
let clinic: TestClinic | null = null;
afterEach(async () => {
  await clinic?.close();
  clinic = null;
});
afterAll(async () => {
  await office?.stop();
});

const mapDrA = ["opendental", "map", "--doctor", "dr-a"];

/** `sofia-agent opendental connect` to the demo office with the keys that may write. */
function connect(home: ReturnType<typeof newHome>, od: TestOffice, ...extra: string[]) {
  const keys = ["--developer-key", OD_KEYS.developer, "--customer-key", OD_KEYS.all];
  return home.cli(["opendental", "connect", "--url", od.apiUrl, ...keys, ...extra]);
}

async function demoOffice(): Promise<TestOffice> {
  if (!sqlite) throw new Error("no database");
  office ??= await startTestOffice(await sqlite.fresh());
  return office;
}

describe("sofia-agent opendental", () => {
  test("connect checks the keys read-only, stores them protected, never prints them, shows the office", async () => {
    const od = await demoOffice();
    const home = newHome();
    const before = await od.counts();
    const subscriptions = (await od.store.select("apisubscription")).length;
    const run = await connect(home, od);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(run.stdout).toContain("Connected to Open Dental 25.3.41.0 via service");
    expect(run.stdout).toMatch(/\n\s+\d+\s+DOC1\s+Jordan Albright DDS\n/);
    expect(run.stdout).toMatch(/\n\s+\d+\s+HYG1\s+Casey Baker RDH \(hygienist\)/);
    expect(run.stdout).toMatch(/OP1\s+Op 1/);
    expect(run.stdout).toMatch(/OP1-PC\s+running/);
    expect(run.stdout).toMatch(/OP2-PC\s+not running/);
    expect(run.stdout).toContain("Note code Zclin: found");
    expect(run.stdout).toContain('Seated status: "In Treatment Room"');
    for (const key of [OD_KEYS.developer, OD_KEYS.all]) expect(run.stdout).not.toContain(key);
    expect(statSync(home.paths.openDentalKeysFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(home.paths.configFile, "utf8")).not.toContain(OD_KEYS.all);
    // Read-only: nothing was written to the office, not even a subscription.
    expect(await od.counts()).toEqual(before);
    expect((await od.store.select("apisubscription")).length).toBe(subscriptions);
    const json = JSON.parse((await connect(home, od, "--json")).stdout);
    expect(json).toMatchObject({
      connected: true,
      keys: { developer: "devA…", customer: "cust…" },
      office: { version: "25.3.41.0", note_code: { ProcCode: "Zclin" } },
    });
  }, 60_000);

  test("connect: wrong keys exit 5, an address nobody answers exits 4, mistakes exit 2 — nothing stored", async () => {
    const od = await demoOffice();
    const home = newHome();
    const refused = await home.cli([
      "opendental",
      "connect",
      "--url",
      od.apiUrl,
      "--developer-key",
      OD_KEYS.developer,
      "--customer-key",
      "wrongKey0001",
    ]);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain("Open Dental refused the keys (401");
    const nobody = await home.cli([
      "opendental",
      "connect",
      "--url",
      "http://127.0.0.1:9/api/v1",
      "--developer-key",
      OD_KEYS.developer,
      "--customer-key",
      OD_KEYS.all,
    ]);
    expect(nobody.code).toBe(4);
    for (const [argv, words] of [
      [
        ["opendental", "connect", "--developer-key", OD_KEYS.developer, "--customer-key", OD_KEYS.all],
        "connect needs --url",
      ],
      [
        ["opendental", "connect", "--url", od.apiUrl, "--developer-key", "has space", "--customer-key", OD_KEYS.all],
        "--developer-key must be",
      ],
      [
        [
          "opendental",
          "connect",
          "--url",
          "http://od.example.com",
          "--developer-key",
          OD_KEYS.developer,
          "--customer-key",
          OD_KEYS.all,
        ],
        "use https",
      ],
      [["opendental", "frobnicate"], 'use "opendental connect"'],
    ] as [string[], string][]) {
      const run = await home.cli(argv);
      expect({ code: run.code, words: run.stderr.includes(words) }).toEqual({ code: 2, words: true });
    }
    expect((await home.cli(["opendental", "status"])).code).toBe(3);
  }, 60_000);

  test("map checks the provider and operatories against the office; status reports the office and the mappings", async () => {
    const od = await demoOffice();
    const home = newHome();
    await connect(home, od);
    const noProvider = await home.cli([...mapDrA, "--provider", "999"]);
    expect({ code: noProvider.code, stderr: noProvider.stderr.split("\n")[0] }).toEqual({
      code: 2,
      stderr: "sofia-agent: Open Dental has no provider 999 (sofia-agent opendental connect lists them)",
    });
    expect((await home.cli([...mapDrA, "--provider", String(od.ids.dentist), "--operatories", "77"])).stderr).toContain(
      "no operatory 77",
    );
    expect((await home.cli(["opendental", "map", "--doctor", "bad id!", "--provider", "1"])).code).toBe(2);
    const mapped = await home.cli([
      ...mapDrA,
      "--provider",
      String(od.ids.dentist),
      "--operatories",
      `${od.ids.op1},${od.ids.op2}`,
      "--workstations",
      "op1-pc,NEW-PC",
    ]);
    expect(mapped.stdout).toContain(
      `Mapped dr-a to provider ${od.ids.dentist} (DOC1); operatories: ${od.ids.op1}, ${od.ids.op2}; workstations: OP1-PC, NEW-PC.`,
    );
    expect(mapped.stdout).toContain("Warning: Open Dental has not seen a workstation named NEW-PC");
    const status = await home.cli(["opendental", "status", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      reachable: true,
      endpoint: { mode: "service" },
      version: "25.3.41.0",
      features: { procNotesGet: "supported", appendNote: "supported" },
      doctors: { "dr-a": { provider: od.ids.dentist, workstations: ["OP1-PC", "NEW-PC"] } },
      agent_running: false,
    });
    expect((await home.cli([...mapDrA, "--remove"])).stdout).toContain("removed");
  }, 60_000);
});

describe("config set opendental.*", () => {
  test("each setting takes the values clinics are told, and says what is allowed otherwise", async () => {
    const home = newHome();
    const set = async (key: string, value: string) => home.cli(["config", "set", `opendental.${key}`, value]);
    for (const [key, value, shown] of [
      ["patient-sources", "appointment, ui-event", "appointment,ui-event"],
      ["note-code", "N4117", "N4117"],
      ["signed", "yes", "true"],
      ["attach-docx", "on", "true"],
      ["write-as", "commlog", "commlog"],
      ["selection-max-age", "4h", "240"],
      ["selection-max-age", "90m", "90"],
      ["chair-binding", "auto", "auto"],
      ["chair-binding-window", "20", "20"],
      ["review", "always", "always"],
      ["events-port", "18000", "18000"],
      ["events-host", "10.0.0.5", "10.0.0.5"],
      ["events-host", "default", "default"],
    ] as [string, string, string][]) {
      const run = await set(key, value);
      expect({ key, code: run.code, stderr: run.stderr }).toEqual({ key, code: 0, stderr: "" });
      expect((await home.cli(["config", "get", `opendental.${key}`])).stdout).toBe(shown);
    }
    expect((await set("signed", "true")).stdout).toContain("in the API developer's name, not the dentist's");
    for (const [key, value, words] of [
      ["patient-sources", "ui-event,ui-event", "list each source once"],
      ["patient-sources", "telepathy", '"telepathy" is not a source'],
      ["signed", "maybe", "true or false"],
      ["selection-max-age", "0", "1 to 1440 minutes"],
      ["chair-binding", "always", "confirm or auto"],
      ["review", "never", "when-uncertain or always"],
      ["note-code", "has space", "a procedure code"],
      ["colour", "blue", 'unknown setting "opendental.colour"'],
    ] as [string, string, string][]) {
      const run = await set(key, value);
      expect({ key, code: run.code, words: run.stderr.includes(words) }).toEqual({ key, code: 2, words: true });
    }
    expect((await home.cli(["config", "list"])).stdout).toContain("opendental.review always");
  });
});

test("sofia-agent status shows Open Dental from the running agent: connected, who is in each chair", async () => {
  if (!sqlite) throw new Error("no database");
  clinic = await TestClinic.open({ db: await sqlite.fresh(), protocol: "v2" });
  const garcia = clinic.office.ids.patient("Mateo", "Garcia");
  await clinic.select(garcia);
  const status = await clinic.home.cli(["status"]);
  expect(status.stdout).toContain("Open Dental: connected via service (25.3.41.0)");
  expect(status.stdout).toContain(`In the chair: OP1-PC PatNum ${garcia} (ui-event, since `);
  expect(status.stdout).toContain(
    `Doctors:     dr-od → provider ${clinic.office.ids.dentist} (operatories ${clinic.office.ids.op1}; workstations OP1-PC)`,
  );
  expect(status.stdout).toContain("Features:    procNotesGet supported, appendNote supported");
  expect(status.stdout).toMatch(/Events:\s+listening on http:\/\/127\.0\.0\.1:\d+, 1 subscription\(s\)/);
  const secret = readFileSync(clinic.home.paths.statusSecretFile, "utf8").trim();
  const page = await (
    await fetch(`${clinic.agent.status.url}/`, { headers: { authorization: `Bearer ${secret}` } })
  ).text();
  expect(page).toContain("<h2>Open Dental</h2>");
  expect(page).toContain("<strong>in use</strong>");
  expect(page).toContain(`<tr><td>OP1-PC</td><td>${garcia}</td><td>ui-event</td>`);
  expect(page).toContain("procNotesGet: supported");
  const od = JSON.parse((await clinic.home.cli(["opendental", "status", "--json"])).stdout);
  expect(od).toMatchObject({
    reachable: true,
    agent_running: true,
    current: [{ workstation: "OP1-PC", pat_num: garcia }],
  });
}, 60_000);
