import { parseArgs } from "node:util";
import { parsePort } from "@sofia/cli";

/** How `npm start` runs: where its data is and which ports each program listens on. */
export interface StackOptions {
  dataDir: string;
  hubPort: number;
  sandboxPort: number;
  agentPort: number;
  /** Where the agent receives Open Dental's PatientSelected events; 0 picks a free port. */
  eventsPort: number;
}

/** The defaults: the hub's 8080, the Open Dental API Service's 30223, the agent's 17380 and 17381. */
export const DEFAULT_PORTS = { hubPort: 8080, sandboxPort: 30223, agentPort: 17380, eventsPort: 17381 } as const;

/** `npm start -- [--hub-only] [--data-dir DIR] [--hub-port N] [--sandbox-port N] [--agent-port N] [--events-port N]`. */
export function parseStartArgs(argv: string[], env: Record<string, string | undefined>) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      "hub-only": { type: "boolean", default: false },
      "data-dir": { type: "string" },
      "hub-port": { type: "string" },
      "sandbox-port": { type: "string" },
      "agent-port": { type: "string" },
      "events-port": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const options: StackOptions = {
    dataDir: values["data-dir"] ?? "./data",
    hubPort: parsePort(values["hub-port"] ?? env.PORT, DEFAULT_PORTS.hubPort),
    sandboxPort: parsePort(values["sandbox-port"], DEFAULT_PORTS.sandboxPort),
    agentPort: parsePort(values["agent-port"], DEFAULT_PORTS.agentPort),
    eventsPort: parsePort(values["events-port"], DEFAULT_PORTS.eventsPort),
  };
  return { hubOnly: values["hub-only"], help: values.help, options };
}

export const START_HELP = `npm start [-- OPTIONS]: the hub (demo clinic), the Open Dental sandbox (demo office) and an
enrolled agent, on embedded stores under ./data; Ctrl-C stops all three.
  --hub-only        only the hub with its demo clinic (sofia-hub serve --demo)
  --data-dir DIR    where the three keep their data (default ./data)
  --hub-port N      the hub (default 8080, or PORT); 0: any free port
  --sandbox-port N  the Open Dental sandbox's API (default 30223)
  --agent-port N    the agent's status page (default 17380)
  --events-port N   where the agent receives Open Dental's PatientSelected events (default 17381)`;
