import { posix } from "node:path";
import { directorySteps, type LaunchSpec, SERVICE, type ServicePlan, type ServiceQuery } from "./plan.ts";

function xml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** The launchd daemon: loaded at boot, kept alive (relaunched 10 s after any exit), as root. */
export function launchdPlist(launch: LaunchSpec): string {
  const args = [launch.program, ...launch.args].map((a) => `    <string>${xml(a)}</string>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${SERVICE.launchdLabel}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>WorkingDirectory</key>
  <string>${xml(launch.workingDir)}</string>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>ThrottleInterval</key>
  <integer>10</integer>
  <key>StandardOutPath</key>
  <string>${xml(posix.join(launch.logDir, "launchd.out.log"))}</string>
  <key>StandardErrorPath</key>
  <string>${xml(posix.join(launch.logDir, "launchd.err.log"))}</string>
</dict>
</plist>
`;
}

/**
 * Install on macOS: the directories (launchd opens the log files before the agent runs), the plist
 * in /Library/LaunchDaemons, an older version booted out (if loaded) and the new one bootstrapped.
 */
export function launchdInstallPlan(
  launch: LaunchSpec,
  dirs: { configDir: string; stateDir: string },
  daemonDir: string,
  copy: { from: string; to: string } | null,
): ServicePlan {
  const plist = posix.join(daemonDir, `${SERVICE.launchdLabel}.plist`);
  const content = launchdPlist(launch);
  return {
    steps: [
      ...(copy ? [{ kind: "copy" as const, ...copy }] : []),
      ...directorySteps({ ...dirs, logDir: launch.logDir }),
      { kind: "write", path: plist, content, text: content, mode: 0o644 },
      {
        kind: "run",
        argv: ["launchctl", "bootout", `system/${SERVICE.launchdLabel}`],
        why: "unload an older version",
        tolerated: "no older version was loaded",
      },
      { kind: "run", argv: ["launchctl", "bootstrap", "system", plist], why: "load it now and at every boot" },
    ],
  };
}

/** Uninstall on macOS: unload while the plist is there, then delete it. Data and settings stay. */
export function launchdUninstallPlan(daemonDir: string): ServicePlan {
  const plist = posix.join(daemonDir, `${SERVICE.launchdLabel}.plist`);
  return {
    steps: [
      {
        kind: "run",
        argv: ["launchctl", "bootout", `system/${SERVICE.launchdLabel}`],
        why: "stop and unload it",
        onlyIf: { exists: plist },
        // launchctl exits non-zero for a daemon that is installed but not loaded (it crashed, or
        // a bootstrap failed): unloading is then already done.
        tolerated: "it was not loaded",
      },
      { kind: "remove", path: plist },
    ],
  };
}

/** `launchctl print`: exit 0 only when launchd has the daemon loaded. */
export const launchdQuery: ServiceQuery = {
  argv: ["launchctl", "print", `system/${SERVICE.launchdLabel}`],
  manager: "launchd",
};
