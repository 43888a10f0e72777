import { UsageError } from "@sofia/cli";
import { createLogger, type LogLevel } from "@sofia/runtime/log";
import { startAgent } from "../agent.ts";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { RotatingFile } from "../log/rotating-file.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";

/**
 * `sofia-agent run`: the agent in the foreground, as the boot service runs it. Logs go to the
 * rotating file and to stderr, from the first line on: a scheduled task has no console, so a
 * start-up problem must reach `logs/agent.log`. It runs even before enrollment, and with a broken
 * `agent.json` (the status page says what is missing or wrong) so that a service installed first
 * starts working as soon as the settings are right.
 */
export async function runCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values } = parse(args, { "status-port": { type: "string" } });
  const port = values["status-port"] === undefined ? undefined : Number(values["status-port"]);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new UsageError("--status-port is 0-65535");
  }
  // Listen for signals before anything else, so a SIGTERM during start-up also ends cleanly.
  const stopRequested = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  const file = new RotatingFile(paths.logDir);
  let level: LogLevel = "info";
  const log = createLogger({ level: () => level, sinks: [(l) => file.write(l), (l) => io.err(l)] });
  let agent: Awaited<ReturnType<typeof startAgent>>;
  try {
    agent = await startAgent({
      paths,
      log,
      onSettings: (config) => {
        level = config.log_level;
      },
      ...(port !== undefined ? { statusPort: port } : {}),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error("agent could not start", { error: message.slice(0, 500) });
    if (/EADDRINUSE|in use/i.test(message)) {
      throw new AgentError(
        `the status-page port is taken (another sofia-agent running?): ${message}. Change it with: sofia-agent config set status_port N`,
        ExitCode.FAILED,
      );
    }
    throw error;
  }
  io.out(`sofia-agent running; status page on ${agent.status.url} (link with its key: sofia-agent status)`);
  await stopRequested;
  await agent.stop();
  return ExitCode.OK;
}
