import { posix } from "node:path";
import { directorySteps, type LaunchSpec, SERVICE, type ServicePlan, type ServiceQuery } from "./plan.ts";

/** Quotes one word the way systemd.syntax(7) reads it. */
function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `"${word.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** The agent's directories, as the unit must provide them. */
export interface UnitDirs {
  configDir: string;
  stateDir: string;
}

/**
 * How the unit provides the directories. Under /var/lib and /etc, systemd creates them before the
 * start (`StateDirectory=`, `ConfigurationDirectory=`) and makes the state directory writable
 * despite `ProtectSystem=strict`; elsewhere (a `--state-dir` of the clinic's choosing) `install`
 * creates them and `ReadWritePaths=` opens the state directory.
 */
function directoryLines(dirs: UnitDirs): string[] {
  const lines: string[] = [];
  const state = posix.relative("/var/lib", dirs.stateDir);
  if (!state.startsWith("..") && state !== "" && !posix.isAbsolute(state)) {
    lines.push(`StateDirectory=${quote(state)}`, "StateDirectoryMode=0700");
  } else lines.push(`ReadWritePaths=-${quote(dirs.stateDir)}`);
  const config = posix.relative("/etc", dirs.configDir);
  if (!config.startsWith("..") && config !== "" && !posix.isAbsolute(config)) {
    lines.push(`ConfigurationDirectory=${quote(config)}`, "ConfigurationDirectoryMode=0755");
  }
  return lines;
}

/**
 * The systemd unit: started at boot once the network is up, restarted 5 s after any exit, forever
 * (`StartLimitIntervalSec=0`), as root, with the file system read-only except the state directory.
 */
export function systemdUnit(launch: LaunchSpec, dirs: UnitDirs): string {
  return `[Unit]
Description=Sofia agent: receives Sofia's clinical reports for this clinic
Wants=network-online.target
After=network-online.target
StartLimitIntervalSec=0

[Service]
Type=simple
ExecStart=${[launch.program, ...launch.args].map(quote).join(" ")}
${directoryLines(dirs).join("\n")}
WorkingDirectory=-${launch.workingDir}
Restart=always
RestartSec=5
TimeoutStopSec=20
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ProtectControlGroups=yes
ProtectKernelModules=yes
ProtectKernelTunables=yes
RestrictSUIDSGID=yes

[Install]
WantedBy=multi-user.target
`;
}

/**
 * Install on Linux: the directories, the unit in `unitDir` (default /etc/systemd/system), enabled
 * and (re)started.
 */
export function systemdInstallPlan(
  launch: LaunchSpec,
  dirs: UnitDirs & { logDir: string },
  unitDir: string,
  copy: { from: string; to: string } | null,
): ServicePlan {
  const unit = posix.join(unitDir, SERVICE.systemdUnit);
  const content = systemdUnit(launch, dirs);
  return {
    steps: [
      ...(copy ? [{ kind: "copy" as const, ...copy }] : []),
      ...directorySteps(dirs),
      { kind: "write", path: unit, content, text: content, mode: 0o644 },
      { kind: "run", argv: ["systemctl", "daemon-reload"], why: "make systemd read the unit" },
      { kind: "run", argv: ["systemctl", "enable", SERVICE.systemdUnit], why: "start at boot" },
      {
        kind: "run",
        argv: ["systemctl", "restart", SERVICE.systemdUnit],
        why: "start now (or restart with the new version)",
      },
    ],
  };
}

/**
 * Uninstall on Linux: stop and disable while systemd still knows the unit, then delete it and make
 * systemd forget it. Data and settings stay. With no unit there is nothing to stop.
 */
export function systemdUninstallPlan(unitDir: string): ServicePlan {
  const unit = posix.join(unitDir, SERVICE.systemdUnit);
  return {
    steps: [
      {
        kind: "run",
        argv: ["systemctl", "disable", "--now", SERVICE.systemdUnit],
        why: "stop it and stop starting it at boot",
        onlyIf: { exists: unit },
      },
      { kind: "remove", path: unit },
      { kind: "run", argv: ["systemctl", "daemon-reload"], why: "forget the unit" },
    ],
  };
}

/** `systemctl is-enabled`: exit 0 only when systemd has the unit enabled (a failed install leaves it disabled). */
export const systemdQuery: ServiceQuery = {
  argv: ["systemctl", "is-enabled", SERVICE.systemdUnit],
  manager: "systemd",
};
