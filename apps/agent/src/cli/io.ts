import type { CliIo } from "@sofia/cli";
import type { CommandRunner } from "../service/execute.ts";

/** What an agent command reads and writes, injectable for tests: the shared io plus the machine. */
export interface AgentIo extends CliIo {
  fetch: typeof fetch;
  platform: string;
  /** Runs service-manager commands (systemctl, schtasks, launchctl). */
  run: CommandRunner;
  /** Whether this process may install services (root / administrator). */
  isAdmin: () => boolean;
  /** The running executable and entry script, and whether this is a compiled `sofia-agent`. */
  self: { execPath: string; scriptPath: string; compiled: boolean };
}
