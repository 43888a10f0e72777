/**
 * Exit codes of every `sofia-agent` command, so scripts and installers can tell mistakes apart.
 * docs/agent.md lists them.
 */
export const ExitCode = {
  OK: 0,
  /** Understood but could not be done (a file could not be written, a service command failed). */
  FAILED: 1,
  /** Called wrongly: unknown command or option, missing or malformed argument (e.g. a bad URL). */
  USAGE: 2,
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

/** A mistake or failure with the message to show and the exit code to end with. */
export class AgentError extends Error {
  override name = "AgentError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}
