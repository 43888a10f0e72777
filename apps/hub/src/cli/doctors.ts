import { parseArgs } from "node:util";
import { ExternalId } from "@sofia/protocol";
import { systemClock } from "@sofia/runtime/clock";
import { UsageError } from "../config.ts";
import { AdminService } from "../services/admin.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";

/** `sofia-hub doctors add|list`. */
export async function doctorsCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  if (sub === "add") return add(args, io);
  if (sub === "list") return list(args, io);
  throw new UsageError(`unknown command "doctors ${sub ?? ""}": use "doctors add" or "doctors list"`);
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      doctor: { type: "string" },
      clinic: { type: "string" },
      name: { type: "string" },
      "clinic-name": { type: "string" },
      json: { type: "boolean", default: false },
      "data-dir": { type: "string" },
    },
  });
  const doctorId = requireId(values.doctor, "--doctor");
  const clinicId = requireId(values.clinic, "--clinic");
  return withStore(values["data-dir"], io, async (store) => {
    const admin = new AdminService(store, systemClock);
    const { doctor, key } = await admin.addDoctor({
      doctorId,
      clinicId,
      ...(values.name ? { name: values.name } : {}),
      ...(values["clinic-name"] ? { clinicName: values["clinic-name"] } : {}),
    });
    if (values.json) {
      io.out(
        JSON.stringify({
          doctor_id: doctor.id,
          clinic_id: doctor.clinicId,
          key_id: key.credential.id,
          doctor_key: key.secret,
        }),
      );
    } else {
      io.out(`Created doctor ${doctor.id} (${doctor.name}) in clinic ${doctor.clinicId}.`);
      io.out(`doctor_key (shown once, store it now): ${key.secret}`);
      io.out(`key id (for "keys revoke"): ${key.credential.id}`);
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
    const doctors = await store.directory.listDoctors();
    if (values.json) {
      io.out(
        JSON.stringify({
          doctors: doctors.map((d) => ({
            doctor_id: d.id,
            clinic_id: d.clinicId,
            name: d.name,
            created_at: d.createdAt,
          })),
        }),
      );
    } else if (doctors.length === 0) {
      io.out("No doctors yet. Add one with: sofia-hub doctors add --doctor ID --clinic ID");
    } else {
      for (const d of doctors) io.out(`${d.clinicId}\t${d.id}\t${d.name}`);
    }
    return ExitCode.OK;
  });
}

/** Validates an operator-chosen id flag. */
export function requireId(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required`);
  const parsed = ExternalId.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag} ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  return parsed.data;
}
