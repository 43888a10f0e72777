import { existsSync, readFileSync, statSync } from "node:fs";
import { UsageError } from "@sofia/cli";
import { ExitCode } from "../exit-codes.ts";
import { logFile } from "../log/rotating-file.ts";
import type { AgentPaths } from "../paths.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";

/** `sofia-agent logs [--lines N] [--follow]`: the last lines of the agent's log. */
export async function logsCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values } = parse(args, {
    lines: { type: "string", default: "50" },
    follow: { type: "boolean", default: false },
  });
  const lines = Number(values.lines);
  if (!Number.isInteger(lines) || lines < 1 || lines > 100_000) throw new UsageError("--lines is 1-100000");
  const file = logFile(paths.logDir);
  if (!existsSync(file)) {
    io.err(`No log yet at ${file}: the agent has not run on this PC (or with these paths).`);
    return ExitCode.NOT_CONFIGURED;
  }
  // Read the rotated file too when the current one is short.
  const older = existsSync(`${file}.1`) ? readFileSync(`${file}.1`, "utf8") : "";
  const all = `${older}${readFileSync(file, "utf8")}`.split("\n").filter((l) => l !== "");
  for (const line of all.slice(-lines)) io.out(line);
  if (!values.follow) return ExitCode.OK;
  let offset = statSync(file).size;
  for (;;) {
    await Bun.sleep(500);
    const size = existsSync(file) ? statSync(file).size : 0;
    if (size < offset) offset = 0; // rotated
    if (size > offset) {
      const chunk = readFileSync(file).subarray(offset, size).toString("utf8");
      offset = size;
      for (const line of chunk.split("\n").filter((l) => l !== "")) io.out(line);
    }
  }
}
