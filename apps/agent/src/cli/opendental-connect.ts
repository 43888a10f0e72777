import { UsageError } from "@sofia/cli";
import { isOdError, type OdComputer, OdErrorCode } from "@sofia/opendental";
import { readConfig, writeConfig } from "../config/config-file.ts";
import { ExitCode } from "../exit-codes.ts";
import { describeEndpoints, parseEndpointSpec } from "../opendental/endpoint-spec.ts";
import { keyProblem, maskKey } from "../opendental/keys.ts";
import { wallMs } from "../opendental/office-time.ts";
import { odSettings } from "../opendental/settings.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";
import { commandOffice, keyStore, talking } from "./opendental-office.ts";

/** A workstation whose Open Dental stamped a heartbeat this recently is running (it stamps every 3 minutes). */
const RUNNING_MS = 10 * 60_000;

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
  const config = readConfig(paths.configFile);
  const settings = odSettings(config);
  const office = commandOffice(io, endpoints, { developerKey, customerKey });
  const found = await talking(async () => {
    const features = await office.client.features({ refresh: true });
    const providers = await office.client.setup.providers();
    const operatories = await office.client.setup.operatories();
    const computers = await office.client.setup.computers().catch((error: unknown) => {
      if (isOdError(error, OdErrorCode.VERSION_TOO_OLD)) return null;
      throw error;
    });
    const code = await office.noteCode(settings["note-code"]);
    const confirmation = await office.confirmationSetup();
    const serverTime = await office.client.setup.serverTime();
    return { features, providers, operatories, computers, code, confirmation, serverTime };
  });
  keyStore(io, paths).write({ developerKey, customerKey });
  writeConfig(paths.configFile, { ...config, opendental: { ...settings, endpoints } });
  const inUse = office.client.status().active;
  const now = found.serverTime === null ? null : wallMs(found.serverTime);
  const running = (c: OdComputer) => {
    const beat = c.LastHeartBeat === null ? null : wallMs(c.LastHeartBeat);
    return now !== null && beat !== null && now - beat <= RUNNING_MS;
  };
  const defName = (n: number) => found.confirmation.statuses.find((d) => d.DefNum === n)?.ItemName ?? null;
  const office_ = {
    version: found.features.version,
    endpoint: inUse,
    endpoints,
    features: found.features.features,
    providers: found.providers
      .filter((p) => !p.IsHidden && p.ProvStatus !== "Deleted")
      .map((p) => ({
        ProvNum: p.ProvNum,
        Abbr: p.Abbr,
        name: [p.FName, p.LName, p.Suffix].filter(Boolean).join(" "),
        hygienist: p.IsSecondary,
      })),
    operatories: found.operatories
      .filter((o) => !o.IsHidden)
      .map((o) => ({
        OperatoryNum: o.OperatoryNum,
        Abbrev: o.Abbrev,
        OpName: o.OpName,
        dentist: o.ProvDentist,
        hygienist: o.ProvHygienist,
      })),
    workstations:
      found.computers?.map((c) => ({ name: c.CompName, last_heartbeat: c.LastHeartBeat, running: running(c) })) ?? null,
    note_code: found.code
      ? { ProcCode: found.code.ProcCode, CodeNum: found.code.CodeNum, Descript: found.code.Descript }
      : null,
    seated_status: defName(found.confirmation.seated),
    dismissed_status: defName(found.confirmation.dismissed),
  };
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
