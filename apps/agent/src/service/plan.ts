/** When a step applies: only if a file exists, or only if a command succeeds (e.g. "the task exists"). */
export type StepCondition = { exists: string } | { succeeds: string[] };

/** One thing `install` or `uninstall` does, in order. */
export type PlanStep =
  /** Copy the running executable to a stable place. */
  | { kind: "copy"; from: string; to: string }
  /** Create a directory (and its parents) if missing. */
  | { kind: "mkdir"; path: string; mode: number }
  /** Write a file; `text` is what `--dry-run` shows (the content itself may be UTF-16). */
  | { kind: "write"; path: string; content: string | Uint8Array; text: string; mode: number }
  /** Delete a file; a missing one is fine. */
  | { kind: "remove"; path: string }
  /**
   * Run a service-manager command. It is skipped (nothing to undo) when `onlyIf` does not hold;
   * a failure fails the plan, unless `tolerated` says why that failure is harmless.
   */
  | { kind: "run"; argv: string[]; why: string; onlyIf?: StepCondition; tolerated?: string };

/** Everything `install` or `uninstall` does on one OS, computed without touching the system. */
export interface ServicePlan {
  steps: PlanStep[];
}

/** How to ask the service manager whether the agent is registered with it (exit 0: yes). */
export interface ServiceQuery {
  argv: string[];
  /** The manager's name, for `status`: "systemd", "launchd", "Task Scheduler". */
  manager: string;
}

/** Where and how the agent is launched. */
export interface LaunchSpec {
  /** The program the service starts. */
  program: string;
  /** Its arguments (`run`, and `--home`, `--config-dir`, `--state-dir` when the paths are overridden). */
  args: string[];
  /** The directory the service starts in. */
  workingDir: string;
  /** Log directory (launchd's own stdout/stderr capture). */
  logDir: string;
}

/** The name of the service on every OS. */
export const SERVICE = {
  systemdUnit: "sofia-agent.service",
  launchdLabel: "com.sofia.agent",
  windowsTask: "Sofia Agent",
} as const;

/** The steps that create the agent's directories before a service manager starts it. */
export function directorySteps(dirs: { configDir: string; stateDir: string; logDir: string }): PlanStep[] {
  return [
    { kind: "mkdir", path: dirs.configDir, mode: 0o755 },
    // The journal holds health data: only the service account (root) may read it.
    { kind: "mkdir", path: dirs.stateDir, mode: 0o700 },
    { kind: "mkdir", path: dirs.logDir, mode: 0o700 },
  ];
}
