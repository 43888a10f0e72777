import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DemoCredentials } from "@sofia/hub/src/demo.ts";
import { z } from "zod";
import { DEMO_OD_KEYS, SEATED } from "./office.ts";
import { program, run } from "./programs.ts";

type Env = Record<string, string | undefined>;
export type DemoClinic = DemoCredentials;

/** The demo clinic's credentials, as the hub keeps them for printing (`demo-credentials.json`). */
export function readDemoClinic(hubDir: string): DemoClinic {
  return DemoCredentials.parse(JSON.parse(readFileSync(join(hubDir, "demo-credentials.json"), "utf8")));
}

/** Adds the demo keys to the office's database (first run only; `serve --seed demo` seeds the rest). */
export async function prepareOffice(db: string, env: Env): Promise<void> {
  const keys = await run(program("od-sandbox", ["keys", "list", "--db", db]), env);
  if (keys.stdout.split("\n").some((line) => line.startsWith(`${DEMO_OD_KEYS.customer}\t`))) return;
  await run(
    program("od-sandbox", [
      "keys",
      "add",
      "--developer",
      DEMO_OD_KEYS.developer,
      "--customer",
      DEMO_OD_KEYS.customer,
      "--permissions",
      "all",
      "--name",
      "Sofia Bridge demo",
      "--db",
      db,
    ]),
    env,
  );
}

const AgentList = z.object({ agents: z.array(z.object({ agent_id: z.string() }).loose()).max(10_000) });
const AgentDevice = z.object({ device: z.object({ agent_id: z.string() }).loose().nullish() }).loose();
const EnrollmentCode = z.object({ code: z.string() }).loose();

/**
 * Enrolls the agent with the demo doctor when it has no credential the hub knows (first run, or a
 * hub whose data was deleted), as a clinic does: `sofia-hub agents enroll` issues a one-time code,
 * `sofia-agent enroll` exchanges it. Otherwise points the enrolled agent at the hub's address.
 */
export async function enrollAgent(
  hubUrl: string,
  hubDir: string,
  env: Env,
  say: (line: string) => void,
): Promise<void> {
  const agentDir = env.SOFIA_AGENT_HOME ?? "";
  const configFile = join(agentDir, "agent.json");
  const config = existsSync(configFile) ? AgentDevice.safeParse(JSON.parse(readFileSync(configFile, "utf8"))) : null;
  const agentId = config?.success ? config.data.device?.agent_id : undefined;
  const listed = await run(program("hub", ["agents", "list", "--json", "--data-dir", hubDir]), env);
  const known = AgentList.parse(JSON.parse(listed.stdout)).agents.some((a) => a.agent_id === agentId);
  if (agentId && known && existsSync(join(agentDir, "credential"))) {
    const endpoint = `${hubUrl.replace(/^http/, "ws")}/v2/ws`;
    await run(program("agent", ["config", "set", "endpoints", endpoint]), env);
    return;
  }
  const clinic = readDemoClinic(hubDir);
  const issued = await run(
    program("hub", [
      "agents",
      "enroll",
      "--clinic",
      clinic.clinic_id,
      "--doctor",
      clinic.doctor_id,
      "--json",
      "--data-dir",
      hubDir,
    ]),
    env,
  );
  const { code } = EnrollmentCode.parse(JSON.parse(issued.stdout));
  await run(program("agent", ["enroll", code, "--hub", hubUrl, "--name", "demo clinic PC"]), env);
  say(`Enrolled the agent for ${clinic.doctor_id} (first run).`);
}

const EnrolledDoctor = z.object({ device: z.object({ doctor_id: z.string() }).loose() }).loose();
const Connected = z.object({
  office: z.object({
    providers: z.array(z.object({ ProvNum: z.number(), Abbr: z.string() }).loose()).max(1000),
    operatories: z.array(z.object({ OperatoryNum: z.number(), Abbrev: z.string() }).loose()).max(1000),
  }),
});

/**
 * What a clinic's IT person does with the CLI: `opendental connect` (checks the keys, read-only),
 * `opendental map` (the demo doctor writes as DOC1, in OP1, whose workstation is OP1-PC) and the
 * events port. Run on every start: the sandbox's port may have changed, and each step is idempotent.
 */
export async function setUpAgent(apiUrl: string, eventsPort: number, env: Env): Promise<void> {
  const connect = await run(
    program("agent", [
      "opendental",
      "connect",
      "--url",
      `service=${apiUrl}`,
      "--developer-key",
      DEMO_OD_KEYS.developer,
      "--customer-key",
      DEMO_OD_KEYS.customer,
      "--json",
    ]),
    env,
  );
  const { office } = Connected.parse(JSON.parse(connect.stdout));
  const provider = office.providers.find((p) => p.Abbr === "DOC1");
  const op1 = office.operatories.find((o) => o.Abbrev === "OP1");
  if (!provider || !op1) throw new Error("the demo office has no DOC1 or no OP1");
  const agentFile = join(env.SOFIA_AGENT_HOME ?? "", "agent.json");
  const doctor = EnrolledDoctor.parse(JSON.parse(readFileSync(agentFile, "utf8"))).device.doctor_id;
  const map = ["--doctor", doctor, "--provider", String(provider.ProvNum), "--operatories", String(op1.OperatoryNum)];
  await run(program("agent", ["opendental", "map", ...map, "--workstations", SEATED.workstation]), env);
  await run(program("agent", ["config", "set", "opendental.events-port", String(eventsPort)]), env);
  await run(program("agent", ["config", "set", "opendental.events-host", "127.0.0.1"]), env);
}
