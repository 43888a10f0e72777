import { AgentError, ExitCode } from "../exit-codes.ts";
import type { AgentPaths } from "../paths.ts";
import { executePlan } from "../service/execute.ts";
import { installPlan, uninstallPlan } from "../service/installer.ts";
import type { ServicePlan } from "../service/plan.ts";
import { parse } from "./args.ts";
import type { CliIo } from "./io.ts";

/** `sofia-agent install|uninstall [--dry-run]`: idempotent, and says what it did. */
export async function serviceCommand(
  action: "install" | "uninstall",
  args: string[],
  io: CliIo,
  paths: AgentPaths,
  home: string | null,
): Promise<number> {
  const { values } = parse(args, { "dry-run": { type: "boolean", default: false } });
  const ctx = { platform: io.platform, ...io.self, paths, home, env: io.env };
  const plan = action === "install" ? installPlan(ctx) : uninstallPlan(ctx);
  if (values["dry-run"]) {
    describe(plan, io);
    return ExitCode.OK;
  }
  if (!io.isAdmin()) {
    const how = io.platform === "win32" ? "from an administrator command prompt" : "with sudo";
    throw new AgentError(`${action} changes how this PC starts: run it ${how}`, ExitCode.NOT_PERMITTED);
  }
  const ok = await executePlan(plan, io.run, io.out);
  if (!ok) return ExitCode.FAILED;
  io.out(
    action === "install"
      ? "Installed: the agent runs now and starts at every boot. Check it with: sofia-agent status"
      : "Uninstalled: the agent no longer starts at boot. Settings, credential and journal are kept.",
  );
  return ExitCode.OK;
}

function describe(plan: ServicePlan, io: CliIo): void {
  if (plan.copy) io.out(`would copy ${plan.copy.from} to ${plan.copy.to}`);
  for (const file of plan.files) {
    io.out(`would write ${file.path}:`);
    if (typeof file.content === "string") io.out(file.content);
  }
  for (const path of plan.remove) io.out(`would remove ${path}`);
  for (const command of plan.commands) io.out(`would run: ${command.argv.join(" ")}  (${command.why})`);
}
