import type { CommandRunner } from "../service/execute.ts";

/** What a command reads and writes, injectable for tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  platform: string;
  /** Runs service-manager commands (systemctl, schtasks, launchctl). */
  run: CommandRunner;
  /** Whether this process may install services (root / administrator). */
  isAdmin: () => boolean;
  /** The running executable and entry script, and whether this is a compiled `sofia-agent`. */
  self: { execPath: string; scriptPath: string; compiled: boolean };
}
