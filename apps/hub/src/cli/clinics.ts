import { parseArgs } from "node:util";
import { UsageError } from "../config.ts";
import { requireId } from "./doctors.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";

/** `sofia-hub clinics set --clinic ID --multiple-agents on|off`. */
export async function clinicsCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  if (sub !== "set") throw new UsageError(`unknown command "clinics ${sub ?? ""}": use "clinics set"`);
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
