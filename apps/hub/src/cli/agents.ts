import { parseArgs } from "node:util";
import { systemClock } from "@sofia/runtime/clock";
import { UsageError } from "../config.ts";
import { ENROLLMENT_CODE_TTL_MS, EnrollmentService } from "../services/enrollment.ts";
import { requireId } from "./doctors.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";

/** `sofia-hub agents enroll|list`. */
export async function agentsCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  if (sub === "enroll") return enroll(args, io);
  if (sub === "list") return list(args, io);
  throw new UsageError(`unknown command "agents ${sub ?? ""}": use "agents enroll" or "agents list"`);
}

async function enroll(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      clinic: { type: "string" },
      doctor: { type: "string" },
      "ttl-hours": { type: "string" },
      json: { type: "boolean", default: false },
      "data-dir": { type: "string" },
    },
  });
  const clinicId = requireId(values.clinic, "--clinic");
  const doctorId = requireId(values.doctor, "--doctor");
  const hours = values["ttl-hours"] === undefined ? ENROLLMENT_CODE_TTL_MS / 3_600_000 : Number(values["ttl-hours"]);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
    throw new UsageError("--ttl-hours must be between 0 and 720");
  return withStore(values["data-dir"], io, async (store) => {
    const issued = await new EnrollmentService(store, systemClock).createCode(clinicId, doctorId, hours * 3_600_000);
    if (!issued) {
      io.err(`No doctor "${doctorId}" in clinic "${clinicId}".`);
      return ExitCode.FAILED;
    }
    if (values.json) io.out(JSON.stringify({ code: issued.code, expires_at: issued.expiresAt }));
    else {
      io.out(`Enrollment code for ${doctorId} (${clinicId}), valid once until ${issued.expiresAt}:`);
      io.out(`  ${issued.code}`);
      io.out("On the clinic PC: sofia-agent enroll <code> --hub <hub URL>");
    }
    return ExitCode.OK;
  });
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, "data-dir": { type: "string" } },
  });
  return withStore(values["data-dir"], io, async (store) => {
    const agents = await store.agents.list();
    const keys = await store.credentials.list();
    const rows = agents.map((a) => ({
      agent_id: a.id,
      clinic_id: a.clinicId,
      doctor_id: a.doctorId,
      name: a.name,
      hostname: a.hostname,
      key_id: keys.find((k) => k.agentId === a.id)?.id ?? null,
      enrolled_at: a.createdAt,
    }));
    if (values.json) io.out(JSON.stringify({ agents: rows }));
    else if (rows.length === 0)
      io.out("No agents yet. Issue a code with: sofia-hub agents enroll --clinic ID --doctor ID");
    else for (const r of rows) io.out(`${r.agent_id}\t${r.clinic_id}\t${r.doctor_id}\t${r.name}\t${r.key_id ?? ""}`);
    return ExitCode.OK;
  });
}
