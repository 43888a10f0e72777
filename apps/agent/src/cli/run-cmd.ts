import { startAgent } from "../agent.ts";
import { readConfig } from "../config/config-file.ts";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { createLogger } from "../log/logger.ts";
import { RotatingFile } from "../log/rotating-file.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { CliIo } from "./io.ts";

/**
 * `sofia-agent run`: the agent in the foreground, as the boot service runs it. Logs go to the
 * rotating file and to stderr. It runs even before enrollment (the status page says what is
 * missing) so that a service installed first starts working as soon as `enroll` is done.
 */
export async function runCommand(args: string[], io: CliIo, paths: AgentPaths): Promise<number> {
  const { values } = parse(args, { "status-port": { type: "string" } });
  const port = values["status-port"] === undefined ? undefined : Number(values["status-port"]);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new AgentError("--status-port is 0-65535", ExitCode.USAGE);
  }
  const config = readConfig(paths.configFile);
  const file = new RotatingFile(paths.logDir);
  const log = createLogger({ level: config.log_level, sinks: [(l) => file.write(l), (l) => io.err(l)] });
  let agent: Awaited<ReturnType<typeof startAgent>>;
  try {
    agent = await startAgent({ paths, log, ...(port !== undefined ? { statusPort: port } : {}) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/EADDRINUSE|in use/i.test(message)) {
      throw new AgentError(
        `the status-page port is taken (another sofia-agent running?): ${message}. Change it with: sofia-agent config set status-port N`,
        ExitCode.FAILED,
      );
    }
    throw error;
  }
  io.out(`sofia-agent running; status page on ${agent.status.url} (link with its key: sofia-agent status)`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await agent.stop();
  return ExitCode.OK;
}
