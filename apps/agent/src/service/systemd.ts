import { join } from "node:path";
import { type LaunchSpec, SERVICE, type ServicePlan } from "./plan.ts";

/** Quotes one ExecStart word the way systemd.syntax(7) reads it. */
function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `"${word.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * The systemd unit: started at boot once the network is up, restarted 5 s after any exit, forever
 * (`StartLimitIntervalSec=0`), as root, with the file system read-only except the state directory.
 */
export function systemdUnit(launch: LaunchSpec, writable: string[]): string {
  return `[Unit]
Description=Sofia agent: receives Sofia's clinical reports for this clinic
Wants=network-online.target
After=network-online.target
StartLimitIntervalSec=0

[Service]
Type=simple
ExecStart=${[launch.program, ...launch.args].map(quote).join(" ")}
WorkingDirectory=${launch.workingDir}
Restart=always
RestartSec=5
TimeoutStopSec=20
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${writable.map(quote).join(" ")}
ProtectControlGroups=yes
ProtectKernelModules=yes
ProtectKernelTunables=yes
RestrictSUIDSGID=yes

[Install]
WantedBy=multi-user.target
`;
}

/** Install on Linux: the unit in `unitDir` (default /etc/systemd/system), enabled and (re)started. */
export function systemdInstallPlan(launch: LaunchSpec, writable: string[], unitDir: string, copy: ServicePlan["copy"]) {
  const unit = join(unitDir, SERVICE.systemdUnit);
  const plan: ServicePlan = {
    copy,
    files: [{ path: unit, content: systemdUnit(launch, writable), mode: 0o644 }],
    remove: [],
    commands: [
      { argv: ["systemctl", "daemon-reload"], why: "make systemd read the unit" },
      { argv: ["systemctl", "enable", SERVICE.systemdUnit], why: "start at boot" },
      { argv: ["systemctl", "restart", SERVICE.systemdUnit], why: "start now (or restart with the new version)" },
    ],
  };
  return plan;
}

/** Uninstall on Linux: stop, disable, delete the unit. Data and settings stay. */
export function systemdUninstallPlan(unitDir: string): ServicePlan {
  return {
    copy: null,
    files: [],
    remove: [join(unitDir, SERVICE.systemdUnit)],
    commands: [
      {
        argv: ["systemctl", "disable", "--now", SERVICE.systemdUnit],
        why: "stop it and stop starting it at boot",
        mayFail: true,
      },
      { argv: ["systemctl", "daemon-reload"], why: "forget the unit", mayFail: true },
    ],
  };
}
