import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { AgentConfig, MAX_CONFIG_BYTES } from "./schema.ts";

/** The defaults, for a machine that has not been enrolled yet. */
export const EMPTY_CONFIG: AgentConfig = AgentConfig.parse({});

/** Reads and validates `agent.json`; a missing file is the empty config. Mistakes name the file and field. */
export function readConfig(file: string): AgentConfig {
  if (!existsSync(file)) return EMPTY_CONFIG;
  const size = statSync(file).size;
  if (size > MAX_CONFIG_BYTES) {
    throw new AgentError(`${file} is ${size} bytes; a config file is at most ${MAX_CONFIG_BYTES}`, ExitCode.FAILED);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AgentError(
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      ExitCode.FAILED,
    );
  }
  const parsed = AgentConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new AgentError(`${file} has mistakes:\n  ${problems.join("\n  ")}`, ExitCode.FAILED);
  }
  return parsed.data;
}

/** Writes `agent.json` atomically (a reader never sees half a file). It holds no secret. */
export function writeConfig(file: string, config: AgentConfig): void {
  const valid = AgentConfig.parse(config);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o644 });
  renameSync(temp, file);
}
