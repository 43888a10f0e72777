/** A file the installer writes. */
export interface PlannedFile {
  path: string;
  content: string | Uint8Array;
  mode: number;
}

/** A command the installer runs. `mayFail`: failure is expected when there is nothing to undo. */
export interface PlannedCommand {
  argv: string[];
  why: string;
  mayFail?: boolean;
}

/** Everything `install` or `uninstall` does on one OS, computed without touching the system. */
export interface ServicePlan {
  /** Copy the running executable to a stable place (`null`: run from where it is). */
  copy: { from: string; to: string } | null;
  files: PlannedFile[];
  /** Files to delete (uninstall). */
  remove: string[];
  commands: PlannedCommand[];
}

/** Where and how the agent is launched. */
export interface LaunchSpec {
  /** The program the service starts. */
  program: string;
  /** Its arguments (`run`, and `--home DIR` when the paths are overridden). */
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
