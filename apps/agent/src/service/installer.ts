import { posix, win32 } from "node:path";
import type { AgentPaths } from "../paths.ts";
import { launchdInstallPlan, launchdQuery, launchdUninstallPlan } from "./launchd.ts";
import { type LaunchSpec, SERVICE, type ServicePlan, type ServiceQuery } from "./plan.ts";
import { systemdInstallPlan, systemdQuery, systemdUninstallPlan } from "./systemd.ts";
import { windowsInstallPlan, windowsQuery, windowsUninstallPlan } from "./windows-task.ts";

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
  /** The environment, with `--home`, `--config-dir` and `--state-dir` already folded in. */
  env: Record<string, string | undefined>;
}

/** The install plan for `ctx.platform`: pure, so the generated files are unit-tested on any OS. */
export function installPlan(ctx: InstallContext): ServicePlan {
  const launch = launchSpec(ctx);
  const copy = ctx.compiled ? { from: ctx.execPath, to: launch.program } : null;
  const { configDir, stateDir, logDir } = ctx.paths;
  if (ctx.platform === "win32") return windowsInstallPlan(launch, { configDir, stateDir }, copy);
  if (ctx.platform === "darwin") return launchdInstallPlan(launch, { configDir, stateDir }, serviceDir(ctx), copy);
  return systemdInstallPlan(launch, { configDir, stateDir, logDir }, serviceDir(ctx), copy);
}

/** The uninstall plan for `ctx.platform`. */
export function uninstallPlan(ctx: InstallContext): ServicePlan {
  if (ctx.platform === "win32") return windowsUninstallPlan(ctx.paths.configDir);
  if (ctx.platform === "darwin") return launchdUninstallPlan(serviceDir(ctx));
  return systemdUninstallPlan(serviceDir(ctx));
}

/** The service file `install` writes (unit, plist or task XML) and how to ask the manager about it. */
export function serviceRegistration(ctx: InstallContext): { file: string; query: ServiceQuery } {
  if (ctx.platform === "win32")
    return { file: win32.join(ctx.paths.configDir, "sofia-agent-task.xml"), query: windowsQuery };
  if (ctx.platform === "darwin") {
    return { file: posix.join(serviceDir(ctx), `${SERVICE.launchdLabel}.plist`), query: launchdQuery };
  }
  return { file: posix.join(serviceDir(ctx), SERVICE.systemdUnit), query: systemdQuery };
}

/** The global options that tell the service where the files are, as they were given to `install`. */
const DIR_FLAGS = [
  ["SOFIA_AGENT_HOME", "--home"],
  ["SOFIA_AGENT_CONFIG_DIR", "--config-dir"],
  ["SOFIA_AGENT_STATE_DIR", "--state-dir"],
] as const;

/**
 * How the service launches the agent. Directory overrides (`--home`, `--config-dir`,
 * `--state-dir` or their `SOFIA_AGENT_*` variables) become arguments of `run`: a scheduled task
 * cannot carry environment variables, and arguments work the same under all three managers.
 */
export function launchSpec(ctx: InstallContext): LaunchSpec {
  const path = ctx.platform === "win32" ? win32 : posix;
  const exe = ctx.platform === "win32" ? "sofia-agent.exe" : "sofia-agent";
  const program = ctx.compiled ? path.join(binDir(ctx), exe) : ctx.execPath;
  const dirArgs = DIR_FLAGS.flatMap(([variable, flag]) => {
    const value = ctx.env[variable];
    return value ? [flag, value] : [];
  });
  const args = [...(ctx.compiled ? [] : [ctx.scriptPath]), "run", ...dirArgs];
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
