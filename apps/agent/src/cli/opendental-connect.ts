import { UsageError } from "@sofia/cli";
import { readConfig } from "../config/config-file.ts";
import { ExitCode } from "../exit-codes.ts";
import { describeEndpoints, parseEndpointSpec } from "../opendental/endpoint-spec.ts";
import { keyProblem, maskKey } from "../opendental/keys.ts";
import { odSettings } from "../opendental/settings.ts";
import { saveConnection } from "../opendental/setup/save.ts";
import { surveyOffice } from "../opendental/setup/survey.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";
import { commandOffice, talking } from "./opendental-office.ts";

/**
 * `sofia-agent opendental connect --url URL --developer-key KEY --customer-key KEY`: checks the
 * keys against the office with read-only calls, stores them protected (never printed back), and
 * shows what the next step needs — the office's version, providers, operatories and workstations.
 */
export async function connectCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values } = parse(args, {
    url: { type: "string" },
    "developer-key": { type: "string" },
    "customer-key": { type: "string" },
    json: { type: "boolean", default: false },
  });
  if (!values.url)
    throw new UsageError(
      "connect needs --url: the API Service (http://SERVER:30223), the Local API (http://localhost:30222) or remote",
    );
  const developerKey = values["developer-key"] ?? "";
  const customerKey = values["customer-key"] ?? "";
  const problem = keyProblem("--developer-key", developerKey) ?? keyProblem("--customer-key", customerKey);
  if (problem) throw new UsageError(problem);
  let endpoints: ReturnType<typeof parseEndpointSpec>;
  try {
    endpoints = parseEndpointSpec(values.url);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const settings = odSettings(readConfig(paths.configFile));
  const office = commandOffice(io, endpoints, { developerKey, customerKey });
  const survey = await talking(() => surveyOffice(office, settings["note-code"]));
  saveConnection(paths, endpoints, { developerKey, customerKey }, io.platform === "win32");
  const inUse = survey.endpoint;
  const office_ = { ...survey, endpoints };
  if (values.json) {
    io.out(
      JSON.stringify({
        connected: true,
        keys: { developer: maskKey(developerKey), customer: maskKey(customerKey) },
        office: office_,
      }),
    );
    return ExitCode.OK;
  }
  io.out(
    `Connected to Open Dental ${office_.version ?? "(version not given)"} via ${inUse ? `${inUse.mode} ${inUse.url}` : describeEndpoints(endpoints)}.`,
  );
  io.out(
    `Keys stored protected in ${paths.openDentalKeysFile} (developer ${maskKey(developerKey)}, customer ${maskKey(customerKey)}).`,
  );
  io.out("");
  io.out("Providers (ProvNum  abbreviation  name):");
  for (const p of office_.providers)
    io.out(`  ${String(p.ProvNum).padEnd(6)} ${p.Abbr.padEnd(8)} ${p.name}${p.hygienist ? " (hygienist)" : ""}`);
  io.out("Operatories (OperatoryNum  abbreviation  name  dentist/hygienist ProvNum):");
  for (const o of office_.operatories) {
    io.out(
      `  ${String(o.OperatoryNum).padEnd(6)} ${o.Abbrev.padEnd(8)} ${o.OpName.padEnd(16)} ${o.dentist || "-"}/${o.hygienist || "-"}`,
    );
  }
  if (office_.workstations === null)
    io.out("Workstations: this office's Open Dental is older than 23.1.30 and cannot list them.");
  else {
    io.out("Workstations (machine names Open Dental has seen):");
    for (const w of office_.workstations)
      io.out(
        `  ${w.name.padEnd(20)} ${w.running ? "running" : `not running (last seen ${w.last_heartbeat ?? "never"})`}`,
      );
  }
  io.out(
    office_.note_code
      ? `Note code ${office_.note_code.ProcCode}: found (${office_.note_code.Descript}).`
      : `Note code ${settings["note-code"]}: MISSING in this office. Add it (Lists > Procedure Codes) or choose another: sofia-agent config set opendental.note-code N4117`,
  );
  io.out(
    `Seated status: ${office_.seated_status ? `"${office_.seated_status}"` : "none set (AppointmentTimeSeatedTrigger)"}; dismissed: ${office_.dismissed_status ? `"${office_.dismissed_status}"` : "none set"}.`,
  );
  io.out(
    `Features: ${Object.entries(office_.features)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
  );
  io.out("");
  io.out(
    "Next: sofia-agent opendental map --doctor DOCTOR_ID --provider PROVNUM --operatories N,N --workstations NAME,NAME",
  );
  return ExitCode.OK;
}
