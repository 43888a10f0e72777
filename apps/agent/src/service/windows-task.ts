import { win32 } from "node:path";
import { type LaunchSpec, SERVICE, type ServicePlan, type ServiceQuery } from "./plan.ts";

function xml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** Quotes one argument the way the Windows C runtime splits a command line. */
export function windowsQuote(arg: string): string {
  if (arg !== "" && !/[\s"]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, "$1$1")}"`;
}

/**
 * The scheduled task (Task Scheduler schema 1.2). Why a task and not a Windows service: docs/agent.md.
 * - runs as SYSTEM (S-1-5-18) at boot, whether or not anyone logs in;
 * - no 72-hour execution limit (`PT0S`), on battery too;
 * - restarts after a failure every minute, and a 5-minute repetition starts it again if it ever
 *   stopped (`IgnoreNew` makes the repetition a no-op while it runs).
 */
export function windowsTaskXml(launch: LaunchSpec): string {
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>Sofia agent: receives Sofia's clinical reports for this clinic</Description>
    <URI>\\${SERVICE.windowsTask}</URI>
  </RegistrationInfo>
  <Triggers>
    <BootTrigger><Enabled>true</Enabled></BootTrigger>
    <TimeTrigger>
      <Repetition><Interval>PT5M</Interval><StopAtDurationEnd>false</StopAtDurationEnd></Repetition>
      <StartBoundary>2020-01-01T00:00:00</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel></Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <IdleSettings><StopOnIdleEnd>false</StopOnIdleEnd><RestartOnIdle>false</RestartOnIdle></IdleSettings>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Priority>5</Priority>
    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>${xml(launch.program)}</Command>
      <Arguments>${xml(launch.args.map(windowsQuote).join(" "))}</Arguments>
      <WorkingDirectory>${xml(launch.workingDir)}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
`;
}

/** schtasks reads task XML reliably only as UTF-16 LE with a byte-order mark. */
export function utf16le(text: string): Uint8Array {
  return new Uint8Array(
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replaceAll("\n", "\r\n"), "utf16le")]),
  );
}

/**
 * Install on Windows: restrict the data directory to SYSTEM and Administrators (the credential is
 * there), register the task from its XML (replacing an older one), and start it now.
 */
export function windowsInstallPlan(
  launch: LaunchSpec,
  dirs: { configDir: string; stateDir: string },
  copy: { from: string; to: string } | null,
): ServicePlan {
  const xmlFile = win32.join(dirs.configDir, "sofia-agent-task.xml");
  const task = SERVICE.windowsTask;
  const text = windowsTaskXml(launch);
  const restricted = [...new Set([dirs.configDir, dirs.stateDir])];
  return {
    steps: [
      ...(copy ? [{ kind: "copy" as const, ...copy }] : []),
      ...restricted.map((path) => ({ kind: "mkdir" as const, path, mode: 0o700 })),
      ...restricted.map((dir) => ({
        kind: "run" as const,
        // SIDs, not names: "SYSTEM" and "Administrators" are translated on non-English Windows.
        argv: ["icacls", dir, "/inheritance:r", "/grant:r", "*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F"],
        why: "only SYSTEM and administrators may read the credential and journal",
      })),
      { kind: "write", path: xmlFile, content: utf16le(text), text, mode: 0o644 },
      {
        kind: "run",
        argv: ["schtasks", "/Create", "/TN", task, "/XML", xmlFile, "/F"],
        why: "start at boot, restart on failure",
      },
      {
        kind: "run",
        argv: ["schtasks", "/End", "/TN", task],
        why: "stop an older version",
        tolerated: "it was not running",
      },
      { kind: "run", argv: ["schtasks", "/Run", "/TN", task], why: "start now" },
    ],
  };
}

/** Uninstall on Windows: stop and delete the task while it exists, then its XML. Data and settings stay. */
export function windowsUninstallPlan(dataDir: string): ServicePlan {
  const task = SERVICE.windowsTask;
  const exists = { succeeds: windowsQuery.argv };
  return {
    steps: [
      {
        kind: "run",
        argv: ["schtasks", "/End", "/TN", task],
        why: "stop it",
        onlyIf: exists,
        tolerated: "it was not running",
      },
      {
        kind: "run",
        argv: ["schtasks", "/Delete", "/TN", task, "/F"],
        why: "stop starting it at boot",
        onlyIf: exists,
      },
      { kind: "remove", path: win32.join(dataDir, "sofia-agent-task.xml") },
    ],
  };
}

/** `schtasks /Query`: exit 0 only when Task Scheduler has the task. */
export const windowsQuery: ServiceQuery = {
  argv: ["schtasks", "/Query", "/TN", SERVICE.windowsTask],
  manager: "Task Scheduler",
};
