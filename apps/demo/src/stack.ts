import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { AgentPage } from "./agent-page.ts";
import { Child } from "./child.ts";
import { DemoOffice, SEATED } from "./office.ts";
import type { StackOptions } from "./options.ts";
import { freePort, portProblem } from "./ports.ts";
import { program } from "./programs.ts";
import { type DemoClinic, enrollAgent, prepareOffice, readDemoClinic, setUpAgent } from "./setup.ts";
import { waitFor } from "./wait.ts";

/** The three programs running together, and what the banner and the demo need from them. */
export interface Stack {
  hubUrl: string;
  office: DemoOffice;
  agent: AgentPage;
  clinic: DemoClinic;
  /** The seated patient's PatNum in the demo office. */
  seatedPatNum: number;
  dataDir: string;
  children: readonly Child[];
  /** Resolves with the first child that stopped on its own (a crash the launcher must report). */
  anyExited: Promise<Child>;
  /** Stops the agent, then the sandbox and the hub, each with SIGTERM (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts the Open Dental sandbox (demo office) and the hub (demo clinic), enrolls the agent on
 * first run, connects it to the office and maps the demo doctor to operatory 1, starts it and
 * waits until it is connected to the hub and subscribed to the office's PatientSelected events;
 * then the seated patient is selected on OP1-PC. Data stays in `dataDir` between runs. A start
 * that fails stops what it started.
 */
export async function startStack(o: StackOptions, say: (line: string) => void = () => {}): Promise<Stack> {
  const dataDir = resolve(o.dataDir);
  for (const [port, what, option] of [
    [o.hubPort, "the hub", "--hub-port"],
    [o.sandboxPort, "the Open Dental sandbox", "--sandbox-port"],
    [o.agentPort, "the agent's status page", "--agent-port"],
    [o.eventsPort, "the agent's Open Dental events", "--events-port"],
  ] as const) {
    const problem = portProblem(port, what, option);
    if (problem) throw new Error(problem);
  }
  const dirs = { hub: join(dataDir, "hub"), office: join(dataDir, "od-sandbox"), agent: join(dataDir, "agent") };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const logs = join(dataDir, "logs");
  const env = { ...process.env, SOFIA_AGENT_HOME: dirs.agent };
  const children: Child[] = [];
  const stop = async () => {
    // The agent first (it is the hub's and the office's client), then the two servers together.
    await children.find((c) => c.name === "agent")?.stop();
    await Promise.all(children.map((c) => c.stop()));
  };
  try {
    const db = join(dirs.office, "office.sqlite");
    await prepareOffice(db, env);
    say("Starting the Open Dental sandbox (demo office)…");
    const sandbox = Child.start(
      "od-sandbox",
      program("od-sandbox", [
        "serve",
        "--seed",
        "demo",
        "--mode",
        "service",
        "--port",
        String(o.sandboxPort),
        "--db",
        db,
      ]),
      join(logs, "od-sandbox.log"),
      env,
    );
    children.push(sandbox);
    say("Starting the hub (demo clinic)…");
    const hubArgs = ["serve", "--demo", "--host", "127.0.0.1", "--port", String(o.hubPort), "--data-dir", dirs.hub];
    const hub = Child.start("hub", program("hub", hubArgs), join(logs, "hub.log"), { ...env, PORT: undefined });
    children.push(hub);
    const apiUrl = (await sandbox.line(/listening on (http:\/\/\S+\/api\/v1)/))[1] ?? "";
    const hubUrl = (await hub.line(/sofia-hub listening on (http:\/\/\S+)/))[1] ?? "";
    const office = new DemoOffice(apiUrl);
    const clinic = readDemoClinic(dirs.hub);
    say("Enrolling the agent and connecting it to the demo office…");
    await enrollAgent(hubUrl, dirs.hub, env, say);
    await setUpAgent(apiUrl, o.eventsPort === 0 ? freePort() : o.eventsPort, env);
    const agentChild = Child.start(
      "agent",
      program("agent", ["run", "--status-port", String(o.agentPort)]),
      join(logs, "agent.log"),
      env,
    );
    children.push(agentChild);
    const pageUrl = (await agentChild.line(/status page on (http:\/\/\S+)/))[1] ?? "";
    const agent = new AgentPage(pageUrl, join(dirs.agent, "status-secret"));
    await waitFor("the agent to connect to the hub and subscribe to the office's events", async () => {
      const s = await agent.status();
      return s.connection.state === "connected" && (s.opendental?.events.subscriptions ?? 0) > 0;
    });
    const seatedPatNum = await office.seatedPatNum();
    // The sandbox forgets selections when it stops: select the seated patient on OP1-PC again.
    await office.select(seatedPatNum, SEATED.workstation);
    await waitFor("the agent to see the patient in OP1's chair", async () =>
      (await agent.status()).opendental?.current.some(
        (c) => c.workstation === SEATED.workstation && c.pat_num === seatedPatNum,
      ),
    );
    const anyExited = Promise.race(children.map((c) => c.exited.then(() => c)));
    return { hubUrl, office, agent, clinic, seatedPatNum, dataDir, children, anyExited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
