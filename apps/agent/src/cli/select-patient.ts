import { hostname } from "node:os";
import { UsageError } from "@sofia/cli";
import { loadConfig } from "../config/config-file.ts";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { PROGRAM_LINK_HEADER, PROGRAM_LINK_PATH } from "../opendental/chair/event-server.ts";
import { odSettings, WorkstationName } from "../opendental/settings.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";

/**
 * `sofia-agent select-patient PATNUM`: what Open Dental's Program Link button runs (its command
 * line passes `[PatNum]`). Tells the agent on this PC that this workstation's chair now has that
 * patient; the agent checks the patient exists before taking it. Runs as whoever clicked, who may
 * not read the agent's settings: then the default port is used (`--port` overrides).
 */
export async function selectPatientCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values, positionals } = parse(args, { workstation: { type: "string" }, port: { type: "string" } }, 1);
  const text = positionals[0] ?? "";
  if (!/^[1-9]\d{0,15}$/.test(text))
    throw new UsageError("select-patient needs the patient's PatNum: sofia-agent select-patient 1234");
  const station = WorkstationName.safeParse(values.workstation ?? hostname().slice(0, 63));
  if (!station.success) throw new UsageError("--workstation is this PC's machine name as Open Dental knows it");
  let port = Number(values.port ?? Number.NaN);
  if (values.port === undefined) port = readablePort(paths);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UsageError("--port is 1-65535");
  let response: Response;
  try {
    response = await io.fetch(`http://127.0.0.1:${port}${PROGRAM_LINK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", [PROGRAM_LINK_HEADER]: "1" },
      body: JSON.stringify({ PatNum: Number(text), workstation: station.data }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new AgentError(
      `the Sofia agent is not answering on this PC (port ${port}): is it running, with Open Dental connected?`,
      ExitCode.UNREACHABLE,
    );
  }
  const answer = (await response.text()).slice(0, 500).trim();
  if (response.status === 404) throw new AgentError(`Open Dental has no patient ${text}`, ExitCode.FAILED);
  if (!response.ok)
    throw new AgentError(`the agent refused the selection (${response.status}: ${answer})`, ExitCode.FAILED);
  io.out(`Sofia: patient ${text} is now in the chair at ${station.data.toUpperCase()}.`);
  return ExitCode.OK;
}

function readablePort(paths: AgentPaths): number {
  try {
    return odSettings(loadConfig(paths.configFile, paths.lastGoodConfigFile, { remember: false }).config)[
      "events-port"
    ];
  } catch {
    return odSettings({})["events-port"];
  }
}
