import { AgentError, ExitCode } from "../exit-codes.ts";
import type { AgentPaths } from "../paths.ts";
import { describePlan, executePlan } from "../service/execute.ts";
import { installPlan, uninstallPlan } from "../service/installer.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";

/** `sofia-agent install|uninstall [--dry-run]`: idempotent, and says what it did. */
export async function serviceCommand(
  action: "install" | "uninstall",
  args: string[],
  io: AgentIo,
  paths: AgentPaths,
): Promise<number> {
  const { values } = parse(args, { "dry-run": { type: "boolean", default: false } });
  const ctx = { platform: io.platform, ...io.self, paths, env: io.env };
  const plan = action === "install" ? installPlan(ctx) : uninstallPlan(ctx);
  if (values["dry-run"]) {
    for (const line of describePlan(plan, io.platform)) io.out(line);
    return ExitCode.OK;
  }
  if (!io.isAdmin()) {
    const how = io.platform === "win32" ? "from an administrator command prompt" : "with sudo";
    throw new AgentError(`${action} changes how this PC starts: run it ${how}`, ExitCode.NOT_PERMITTED);
  }
  if (!(await executePlan(plan, io.run, io.out, io.platform))) {
    io.err(
      action === "install"
        ? "sofia-agent: install did not finish (see FAILED above); the agent is not installed. Fix the cause and run install again."
        : "sofia-agent: uninstall did not finish (see FAILED above); the agent may still start at boot. Fix the cause and run uninstall again.",
    );
    return ExitCode.FAILED;
  }
  io.out(
    action === "install"
      ? "Installed: the agent runs now and starts at every boot. Check it with: sofia-agent status"
      : "Uninstalled: the agent no longer starts at boot. Settings, credential and journal are kept.",
  );
  return ExitCode.OK;
}
