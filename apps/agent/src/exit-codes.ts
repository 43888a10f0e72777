import { ExitCode as CommonExitCode } from "@sofia/cli";

/**
 * Exit codes of every `sofia-agent` command, so scripts and installers can tell mistakes apart:
 * the codes every Sofia program shares (0 done, 1 could not be done, 2 called wrongly), and the
 * agent's own above them. docs/agent.md lists them.
 */
export const ExitCode = {
  ...CommonExitCode,
  /** No configuration or no credential yet: run `sofia-agent enroll` first. */
  NOT_CONFIGURED: 3,
  /** The hub could not be reached (DNS, firewall, proxy, hub down). */
  UNREACHABLE: 4,
  /** The hub refused the enrollment code or the credential (unknown, used, expired, revoked). */
  REJECTED: 5,
  /** The command needs administrator (root) rights. */
  NOT_PERMITTED: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A failure with the message to show and the exit code to end with. A mistake in how a command
 * was called is a `UsageError` from `@sofia/cli` instead (exit 2, with a pointer to `--help`).
 */
export class AgentError extends Error {
  override name = "AgentError";
  constructor(
    message: string,
    readonly exitCode: Exclude<ExitCode, typeof ExitCode.OK | typeof ExitCode.USAGE>,
  ) {
    super(message);
  }
}
