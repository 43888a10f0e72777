import { parseArgs } from "node:util";
import { UsageError } from "../config.ts";
import { normalizeOrigin } from "../security/browser-origin.ts";
import { clinicAuthCommand } from "./clinic-auth.ts";
import { requireId } from "./doctors.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";
import { applyLayoutFlags } from "./layout-flags.ts";

/** `sofia-hub clinics set|layout|auth|origins`. */
export async function clinicsCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  if (sub === "set") return setCommand(args, io);
  if (sub === "layout") return layoutCommand(args, io);
  if (sub === "auth") return clinicAuthCommand(args, io);
  if (sub === "origins") return originsCommand(args, io);
  throw new UsageError(
    `unknown command "clinics ${sub ?? ""}": use "clinics set", "clinics layout", "clinics auth" or "clinics origins"`,
  );
}

/** `clinics origins --clinic ID (--allow ORIGIN... | --none) [--json]`: the web pages that may connect. */
async function originsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      clinic: { type: "string" },
      allow: { type: "string", multiple: true },
      none: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "data-dir": { type: "string" },
    },
  });
  const clinicId = requireId(values.clinic, "--clinic");
  const given = values.allow ?? [];
  if (given.length > 0 === values.none) throw new UsageError("pass --allow ORIGIN (repeatable) or --none");
  const origins = given.map((text) => {
    const origin = normalizeOrigin(text);
    if (!origin)
      throw new UsageError(`"${text}" is not an origin: scheme, host and port only (https://app.example.com)`);
    return origin;
  });
  return withStore(values["data-dir"], io, async (store) => {
    if (!(await store.directory.setAllowedOrigins(clinicId, origins))) {
      io.err(`No clinic "${clinicId}".`);
      return ExitCode.FAILED;
    }
    if (values.json) io.out(JSON.stringify({ clinic_id: clinicId, allowed_origins: origins }));
    else
      io.out(
        origins.length === 0
          ? `Clinic ${clinicId}: no web page may connect (native clients are not affected).`
          : `Clinic ${clinicId}: web pages from ${origins.join(", ")} may connect.`,
      );
    return ExitCode.OK;
  });
}

/** `clinics set --clinic ID --multiple-agents on|off`. */
async function setCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { clinic: { type: "string" }, "multiple-agents": { type: "string" }, "data-dir": { type: "string" } },
  });
  const clinicId = requireId(values.clinic, "--clinic");
  const setting = values["multiple-agents"];
  if (setting !== "on" && setting !== "off") throw new UsageError("--multiple-agents must be on or off");
  return withStore(values["data-dir"], io, async (store) => {
    if (!(await store.directory.setAllowMultipleAgents(clinicId, setting === "on"))) {
      io.err(`No clinic "${clinicId}".`);
      return ExitCode.FAILED;
    }
    io.out(
      setting === "on"
        ? `Clinic ${clinicId}: each doctor may have several agents connected; each new agent receives reports published after it first connects.`
        : `Clinic ${clinicId}: one agent connection per doctor; a newer agent replaces the older and continues where it stopped.`,
    );
    return ExitCode.OK;
  });
}

/** `clinics layout --clinic ID [--order ...] [--title ...]... [--wrap N] [--line-endings ...] [--reset]`. */
async function layoutCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      clinic: { type: "string" },
      order: { type: "string" },
      title: { type: "string", multiple: true },
      wrap: { type: "string" },
      "line-endings": { type: "string" },
      reset: { type: "boolean" },
      json: { type: "boolean" },
      "data-dir": { type: "string" },
    },
  });
  const clinicId = requireId(values.clinic, "--clinic");
  return withStore(values["data-dir"], io, async (store) => {
    const clinic = await store.directory.getClinic(clinicId);
    if (!clinic) {
      io.err(`No clinic "${clinicId}".`);
      return ExitCode.FAILED;
    }
    const layout = applyLayoutFlags(clinic.reportLayout, values);
    await store.directory.setReportLayout(clinicId, layout);
    if (values.json) io.out(JSON.stringify({ clinic_id: clinicId, layout }));
    else
      io.out(`Clinic ${clinicId}: reports published from now on use this layout:\n${JSON.stringify(layout, null, 2)}`);
    return ExitCode.OK;
  });
}
