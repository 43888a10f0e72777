import { parseArgs } from "node:util";
import { systemClock } from "@sofia/runtime/clock";
import { UsageError } from "../config.ts";
import { AdminService } from "../services/admin.ts";
import { requireId } from "./doctors.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";

/** `sofia-hub keys create|list|revoke`. */
export async function keysCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  if (sub === "create") return create(args, io);
  if (sub === "list") return list(args, io);
  if (sub === "revoke") return revoke(args, io);
  throw new UsageError(`unknown command "keys ${sub ?? ""}": use "keys create", "keys list" or "keys revoke KEY_ID"`);
}

async function create(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { doctor: { type: "string" }, json: { type: "boolean", default: false }, "data-dir": { type: "string" } },
  });
  const doctorId = requireId(values.doctor, "--doctor");
  return withStore(values["data-dir"], io, async (store) => {
    const doctor = await store.directory.getDoctor(doctorId);
    if (!doctor) {
      io.err(`No doctor "${doctorId}".`);
      return ExitCode.FAILED;
    }
    const key = await new AdminService(store, systemClock).issueDoctorKey(doctor);
    if (values.json)
      io.out(JSON.stringify({ doctor_id: doctor.id, key_id: key.credential.id, doctor_key: key.secret }));
    else io.out(`doctor_key for ${doctor.id} (shown once): ${key.secret}\nkey id: ${key.credential.id}`);
    return ExitCode.OK;
  });
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { doctor: { type: "string" }, json: { type: "boolean", default: false }, "data-dir": { type: "string" } },
  });
  return withStore(values["data-dir"], io, async (store) => {
    const credentials = await store.credentials.list(values.doctor ? { doctorId: values.doctor } : undefined);
    const rows = credentials.map((c) => ({
      key_id: c.id,
      kind: c.kind,
      doctor_id: c.doctorId,
      clinic_id: c.clinicId,
      name: c.name,
      scopes: c.scopes,
      created_at: c.createdAt,
      revoked_at: c.revokedAt,
    }));
    if (values.json) io.out(JSON.stringify({ keys: rows }));
    else
      for (const r of rows) {
        io.out(
          `${r.key_id}\t${r.kind}\t${r.doctor_id ?? r.name}\t${r.revoked_at ? `revoked ${r.revoked_at}` : "active"}`,
        );
      }
    return ExitCode.OK;
  });
}

async function revoke(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, "data-dir": { type: "string" } },
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError("keys revoke takes exactly one KEY_ID");
  return withStore(values["data-dir"], io, async (store) => {
    const revoked = await new AdminService(store, systemClock).revoke(id);
    if (!revoked) {
      io.err(`No key or token "${id}". List them with: sofia-hub keys list`);
      return ExitCode.FAILED;
    }
    if (values.json) io.out(JSON.stringify({ key_id: id, revoked: true }));
    else io.out(`Revoked ${id}. Its live sockets close within a second.`);
    return ExitCode.OK;
  });
}
