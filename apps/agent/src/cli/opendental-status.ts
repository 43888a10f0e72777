import { isOdError, OdErrorCode, type OpenDentalError } from "@sofia/opendental";
import { readConfig } from "../config/config-file.ts";
import { ExitCode } from "../exit-codes.ts";
import { maskKey } from "../opendental/keys.ts";
import { odSettings } from "../opendental/settings.ts";
import type { OdStatus } from "../opendental/status.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";
import { keyStore, odExitCode, odProblemWords, storedOffice } from "./opendental-office.ts";
import { liveStatus } from "./status-cmd.ts";

/**
 * `sofia-agent opendental status [--json]`: asks the office now (read-only) whether it answers and
 * with which version and features, and asks the running agent who is selected on each workstation
 * and whether its event endpoint and subscriptions are up. Exit 0 reachable, 3 not connected, 4
 * unreachable, 5 keys refused.
 */
export async function odStatusCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values } = parse(args, { json: { type: "boolean", default: false } });
  const { office, settings } = storedOffice(io, paths);
  const keys = keyStore(io, paths).read();
  let failure: OpenDentalError | null = null;
  let version: string | null = null;
  let features: Record<string, string> = {};
  try {
    const read = await office.client.features({ refresh: true });
    await office.client.setup.serverTime();
    version = read.version;
    features = { ...read.features };
  } catch (error) {
    if (!isOdError(error)) throw error;
    failure = error;
  }
  const live = await liveStatus(io, paths);
  const agent = live?.snapshot.opendental ?? null;
  const inUse = office.client.status().active;
  const report = {
    reachable: failure === null,
    problem: failure ? odProblemWords(failure) : null,
    endpoint: inUse,
    endpoints: settings.endpoints,
    keys: keys ? { developer: maskKey(keys.developerKey), customer: maskKey(keys.customerKey) } : null,
    version,
    features,
    settings: agent?.settings ?? odSettingsSummary(paths),
    doctors: settings.doctors,
    agent_running: live !== null,
    current: agent?.current ?? null,
    events: agent?.events ?? null,
  };
  if (values.json) io.out(JSON.stringify(report));
  else {
    io.out(
      report.reachable ? `Reachable:   yes, via ${inUse?.mode} ${inUse?.url}` : `Reachable:   no: ${report.problem}`,
    );
    if (version) io.out(`Version:     ${version}`);
    if (Object.keys(features).length > 0)
      io.out(
        `Features:    ${Object.entries(features)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      );
    if (report.keys)
      io.out(`Keys:        developer ${report.keys.developer}, customer ${report.keys.customer} (stored protected)`);
    for (const [doctor, m] of Object.entries(settings.doctors)) {
      io.out(
        `Doctor:      ${doctor} → provider ${m.provider}; operatories ${m.operatories.join(",") || "all"}; workstations ${m.workstations.join(",") || "none"}`,
      );
    }
    if (Object.keys(settings.doctors).length === 0)
      io.out("Doctors:     none mapped (sofia-agent opendental map --doctor ID --provider N)");
    if (agent) {
      const parts = openDentalParts(agent);
      io.out(parts.chair);
      io.out(parts.events);
    } else io.out("Agent:       not running, so who is in each chair is not known here");
  }
  if (failure) return failure.code === OdErrorCode.UNAUTHORIZED ? ExitCode.REJECTED : odExitCode(failure);
  return ExitCode.OK;
}

function odSettingsSummary(paths: AgentPaths): Record<string, string | number | boolean> {
  const s = odSettings(readConfig(paths.configFile));
  return {
    "patient-sources": s["patient-sources"].join(","),
    "note-code": s["note-code"],
    signed: s.signed,
    review: s.review,
    "chair-binding": s["chair-binding"],
  };
}

/** The lines `sofia-agent status` adds about Open Dental, from the running agent's snapshot. */
export function openDentalLines(od: OdStatus): string[] {
  const { summary, features, doctors, chair, events } = openDentalParts(od);
  return [summary, features, doctors, chair, events].filter((l): l is string => l !== null);
}

/** Each line on its own, so `opendental status` can show the running agent's part of them. */
function openDentalParts(od: OdStatus) {
  const summary = `Open Dental: ${od.connected ? `connected${od.in_use ? ` via ${od.in_use}` : ""}${od.version ? ` (${od.version})` : ""}` : "not connected"}${od.problem ? `; ${od.problem}` : ""}`;
  const gated = Object.entries(od.features).map(([k, v]) => `${k} ${v}`);
  const features = gated.length > 0 ? `Features:    ${gated.join(", ")}` : null;
  const mapped = od.doctors.map(
    (d) =>
      `${d.doctor_id} → provider ${d.provider} (operatories ${d.operatories.join(",") || "all"}; workstations ${d.workstations.join(",") || "none"})`,
  );
  const doctors = od.connected
    ? `Doctors:     ${mapped.join("; ") || "none mapped (sofia-agent opendental map)"}`
    : null;
  const current = od.current.map((c) => `${c.workstation} PatNum ${c.pat_num} (${c.source}, since ${c.since})`);
  const chair = `In the chair: ${current.join("; ") || "nobody selected on any workstation"}`;
  const e = od.events;
  const events = `Events:      ${e.listening ? `listening on ${e.listening}` : "not listening"}, ${e.subscriptions} subscription(s)${e.problem ? `; ${e.problem}` : ""}${e.subscription_problem ? `; ${e.subscription_problem}` : ""}`;
  return { summary, features, doctors, chair, events };
}
