import { join } from "node:path";
import { type LaunchSpec, SERVICE, type ServicePlan } from "./plan.ts";

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
  <string>${xml(join(launch.logDir, "launchd.out.log"))}</string>
  <key>StandardErrorPath</key>
  <string>${xml(join(launch.logDir, "launchd.err.log"))}</string>
</dict>
</plist>
`;
}

/** Install on macOS: the plist in /Library/LaunchDaemons, booted out (if loaded) and bootstrapped. */
export function launchdInstallPlan(launch: LaunchSpec, daemonDir: string, copy: ServicePlan["copy"]): ServicePlan {
  const plist = join(daemonDir, `${SERVICE.launchdLabel}.plist`);
  return {
    copy,
    files: [{ path: plist, content: launchdPlist(launch), mode: 0o644 }],
    remove: [],
    commands: [
      {
        argv: ["launchctl", "bootout", `system/${SERVICE.launchdLabel}`],
        why: "unload an older version",
        mayFail: true,
      },
      { argv: ["launchctl", "bootstrap", "system", plist], why: "load it now and at every boot" },
    ],
  };
}

/** Uninstall on macOS. Data and settings stay. */
export function launchdUninstallPlan(daemonDir: string): ServicePlan {
  return {
    copy: null,
    files: [],
    remove: [join(daemonDir, `${SERVICE.launchdLabel}.plist`)],
    commands: [
      { argv: ["launchctl", "bootout", `system/${SERVICE.launchdLabel}`], why: "stop and unload it", mayFail: true },
    ],
  };
}
