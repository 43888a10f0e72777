import { UsageError } from "@sofia/cli";
import { isOdError, OdErrorCode } from "@sofia/opendental";
import { ExternalId } from "@sofia/protocol";
import { readConfig, writeConfig } from "../config/config-file.ts";
import { ExitCode } from "../exit-codes.ts";
import { DoctorMapping, odSettings } from "../opendental/settings.ts";
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
  const warnings = await talking(async () => {
    const provider = (await office.client.setup.providers()).find((p) => p.ProvNum === m.provider);
    if (!provider || provider.ProvStatus === "Deleted")
      throw new UsageError(`Open Dental has no provider ${m.provider} (sofia-agent opendental connect lists them)`);
    const out: string[] = [];
    if (provider.IsHidden) out.push(`provider ${m.provider} (${provider.Abbr}) is hidden in Open Dental`);
    const ops = new Set((await office.client.setup.operatories()).map((o) => o.OperatoryNum));
    const unknownOps = m.operatories.filter((o) => !ops.has(o));
    if (unknownOps.length > 0) throw new UsageError(`Open Dental has no operatory ${unknownOps.join(", ")}`);
    const computers = await office.client.setup.computers().catch((error: unknown) => {
      if (isOdError(error, OdErrorCode.VERSION_TOO_OLD)) return null;
      throw error;
    });
    const seen = new Set(computers?.map((c) => c.CompName.toUpperCase()) ?? []);
    for (const w of m.workstations) {
      if (computers && !seen.has(w.toUpperCase()))
        out.push(`Open Dental has not seen a workstation named ${w}: check the spelling (connect lists them)`);
    }
    return { out, abbr: provider.Abbr };
  });
  const workstations = m.workstations.map((w) => w.toUpperCase());
  const doctors = { ...settings.doctors, [doctor.data]: { ...m, workstations } };
  writeConfig(paths.configFile, { ...config, opendental: { ...settings, doctors } });
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
