import { posix, win32 } from "node:path";
import type { AgentPaths } from "../paths.ts";
import { launchdInstallPlan, launchdUninstallPlan } from "./launchd.ts";
import type { LaunchSpec, ServicePlan } from "./plan.ts";
import { systemdInstallPlan, systemdUninstallPlan } from "./systemd.ts";
import { windowsInstallPlan, windowsUninstallPlan } from "./windows-task.ts";

/** What the installer needs to know about this machine and this process. */
export interface InstallContext {
  platform: string;
  /** The running executable (the compiled agent, or bun when running from source). */
  execPath: string;
  /** Whether this is a compiled `sofia-agent` (then it is copied to `binDir`). */
  compiled: boolean;
  /** The entry script, when running from source. */
  scriptPath: string;
  paths: AgentPaths;
  /** The `--home` / `SOFIA_AGENT_HOME` override the service must be started with, if any. */
  home: string | null;
  env: Record<string, string | undefined>;
}

/** The install plan for `ctx.platform`: pure, so the generated files are unit-tested on any OS. */
export function installPlan(ctx: InstallContext): ServicePlan {
  const launch = launchSpec(ctx);
  const copy = ctx.compiled ? { from: ctx.execPath, to: launch.program } : null;
  if (ctx.platform === "win32") return windowsInstallPlan(launch, ctx.paths.configDir, copy);
  if (ctx.platform === "darwin") return launchdInstallPlan(launch, serviceDir(ctx), copy);
  const writable = [...new Set([ctx.paths.stateDir])].map((dir) => `-${dir}`);
  return systemdInstallPlan(launch, writable, serviceDir(ctx), copy);
}

/** The uninstall plan for `ctx.platform`. */
export function uninstallPlan(ctx: InstallContext): ServicePlan {
  if (ctx.platform === "win32") return windowsUninstallPlan(ctx.paths.configDir);
  if (ctx.platform === "darwin") return launchdUninstallPlan(serviceDir(ctx));
  return systemdUninstallPlan(serviceDir(ctx));
}

/** The file whose presence means "installed" (unit, plist or task XML). */
export function installedMarker(ctx: InstallContext): string {
  const plan = installPlan(ctx);
  return plan.files[0]?.path ?? "";
}

/** How the service launches the agent. */
export function launchSpec(ctx: InstallContext): LaunchSpec {
  const path = ctx.platform === "win32" ? win32 : posix;
  const exe = ctx.platform === "win32" ? "sofia-agent.exe" : "sofia-agent";
  const program = ctx.compiled ? path.join(binDir(ctx), exe) : ctx.execPath;
  const args = [...(ctx.compiled ? [] : [ctx.scriptPath]), "run", ...(ctx.home ? ["--home", ctx.home] : [])];
  return { program, args, workingDir: ctx.paths.stateDir, logDir: ctx.paths.logDir };
}

function binDir(ctx: InstallContext): string {
  if (ctx.env.SOFIA_AGENT_BIN_DIR) return ctx.env.SOFIA_AGENT_BIN_DIR;
  if (ctx.platform === "win32") return win32.join(ctx.env.ProgramFiles ?? "C:\\Program Files", "Sofia");
  return "/usr/local/bin";
}

function serviceDir(ctx: InstallContext): string {
  if (ctx.env.SOFIA_AGENT_SERVICE_DIR) return ctx.env.SOFIA_AGENT_SERVICE_DIR;
  return ctx.platform === "darwin" ? "/Library/LaunchDaemons" : "/etc/systemd/system";
}
