import { UsageError } from "@sofia/cli";
import { ExternalId } from "@sofia/protocol";
import { readConfig, writeConfig } from "../config/config-file.ts";
import { ExitCode } from "../exit-codes.ts";
import { DoctorMapping, odSettings } from "../opendental/settings.ts";
import { checkMapping, MappingRefused } from "../opendental/setup/mapping.ts";
import { saveMapping } from "../opendental/setup/save.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";
import { storedOffice, talking } from "./opendental-office.ts";

/**
 * `sofia-agent opendental map --doctor DOCTOR_ID --provider PROVNUM [--operatories N,N]
 * [--workstations NAME,NAME]`: which Open Dental provider writes this doctor's notes, and which
 * operatories and workstations are this doctor's chairs. Checked against the office (the provider
 * must exist and be active, the operatories must exist); a workstation Open Dental has never seen
 * is accepted with a warning (it may not have run Open Dental yet). `--remove` forgets the doctor.
 */
export async function mapCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values } = parse(args, {
    doctor: { type: "string" },
    provider: { type: "string" },
    operatories: { type: "string" },
    workstations: { type: "string" },
    remove: { type: "boolean", default: false },
  });
  const doctor = ExternalId.safeParse(values.doctor ?? "");
  if (!doctor.success) throw new UsageError("--doctor is the doctor's id as the hub knows it (e.g. dr-ada)");
  const config = readConfig(paths.configFile);
  const settings = odSettings(config);
  if (values.remove) {
    const { [doctor.data]: removed, ...rest } = settings.doctors;
    if (!removed) throw new UsageError(`no mapping for ${doctor.data}`);
    writeConfig(paths.configFile, { ...config, opendental: { ...settings, doctors: rest } });
    io.out(`Mapping for ${doctor.data} removed.`);
    return ExitCode.OK;
  }
  const mapping = DoctorMapping.safeParse({
    provider: Number(values.provider),
    operatories: list(values.operatories).map(Number),
    workstations: list(values.workstations),
  });
  if (!mapping.success) {
    const issue = mapping.error.issues[0];
    const field = String(issue?.path[0] ?? "");
    if (field === "provider")
      throw new UsageError("--provider is the doctor's ProvNum (sofia-agent opendental connect lists them)");
    if (field === "operatories") throw new UsageError("--operatories is a list of OperatoryNums, e.g. 1,2");
    throw new UsageError(`--workstations: ${issue?.message ?? "a list of machine names, e.g. OP1-PC,OP2-PC"}`);
  }
  const m = mapping.data;
  const { office } = storedOffice(io, paths);
  const checked = await talking(async () => {
    try {
      return await checkMapping(office, m);
    } catch (error) {
      if (error instanceof MappingRefused) throw new UsageError(error.message);
      throw error;
    }
  });
  const warnings = { out: checked.warnings, abbr: checked.abbr };
  const { workstations } = saveMapping(paths, doctor.data, m);
  io.out(
    `Mapped ${doctor.data} to provider ${m.provider} (${warnings.abbr}); operatories: ${m.operatories.join(", ") || "all"}; workstations: ${workstations.join(", ") || "none"}.`,
  );
  for (const w of warnings.out) io.out(`Warning: ${w}.`);
  if (workstations.length > 0) {
    io.out(
      "The running agent subscribes to Open Dental's PatientSelected events for these workstations within a few seconds.",
    );
  }
  return ExitCode.OK;
}

function list(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
