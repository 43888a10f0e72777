import { parseArgs } from "node:util";
import { systemClock } from "@sofia/runtime/clock";
import { UsageError } from "../config.ts";
import { AdminService } from "../services/admin.ts";
import { SCOPES, type Scope } from "../store/records.ts";
import { requireId } from "./doctors.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";

const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);

/** `sofia-hub tokens create`. */
export async function tokensCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  if (sub !== "create") throw new UsageError(`unknown command "tokens ${sub ?? ""}": use "tokens create"`);
  const { values } = parseArgs({
    args,
    options: {
      name: { type: "string" },
      scope: { type: "string", multiple: true },
      clinic: { type: "string" },
      "all-clinics": { type: "boolean", default: false },
      operator: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "data-dir": { type: "string" },
    },
  });
  if (!values.name) throw new UsageError("--name is required");
  // An operator token reads the hub's metrics (hub-wide, so every clinic) and nothing else.
  if (values.operator) {
    if (values.scope || values.clinic !== undefined)
      throw new UsageError("--operator takes neither --scope nor --clinic: it is metrics:read on every clinic");
    values.scope = ["metrics:read"];
    values["all-clinics"] = true;
  }
  const scopes = values.scope ?? [];
  if (scopes.length === 0) throw new UsageError(`--scope is required (${SCOPES.join(", ")})`);
  const unknown = scopes.find((s) => !isScope(s));
  if (unknown !== undefined) throw new UsageError(`unknown scope "${unknown}" (known: ${SCOPES.join(", ")})`);
  // A token that may publish to every clinic's doctors is made on purpose, never by omission.
  if ((values.clinic === undefined) === !values["all-clinics"])
    throw new UsageError("pass --clinic ID (confined to one clinic) or --all-clinics (every clinic), not both");
  const clinicId = values.clinic === undefined ? undefined : requireId(values.clinic, "--clinic");
  if (clinicId !== undefined && scopes.includes("metrics:read"))
    throw new UsageError("metrics:read is hub-wide (every clinic's figures): use --operator, not --clinic");
  const name = values.name;
  return withStore(values["data-dir"], io, async (store) => {
    if (clinicId && !(await store.directory.getClinic(clinicId))) {
      io.err(`No clinic "${clinicId}". Clinics are created with: sofia-hub doctors add`);
      return ExitCode.FAILED;
    }
    const token = await new AdminService(store, systemClock).createProducerToken({
      name,
      scopes: scopes.filter(isScope),
      ...(clinicId ? { clinicId } : {}),
    });
    if (values.json) io.out(JSON.stringify({ token_id: token.credential.id, token: token.secret }));
    else io.out(`Producer token "${name}" (shown once): ${token.secret}\ntoken id: ${token.credential.id}`);
    return ExitCode.OK;
  });
}
