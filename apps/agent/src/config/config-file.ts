import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { jsonProblem } from "./json-position.ts";
import { AgentConfig, MAX_CONFIG_BYTES } from "./schema.ts";

/** The defaults, for a machine that has not been enrolled yet. */
export const EMPTY_CONFIG: AgentConfig = AgentConfig.parse({});

/**
 * Reads and validates `agent.json`; a missing file is the empty config. Mistakes name the file,
 * and the line and column (not JSON) or the field (wrong value).
 */
export function readConfig(file: string): AgentConfig {
  if (!existsSync(file)) return EMPTY_CONFIG;
  return parseConfig(file);
}

function parseConfig(file: string): AgentConfig {
  const size = statSync(file).size;
  if (size > MAX_CONFIG_BYTES) {
    throw new AgentError(`${file} is ${size} bytes; a config file is at most ${MAX_CONFIG_BYTES}`, ExitCode.FAILED);
  }
  const text = readFileSync(file, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const where = jsonProblem(text);
    const detail = where
      ? `line ${where.line}, column ${where.column}: ${where.what}`
      : error instanceof Error
        ? error.message
        : String(error);
    throw new AgentError(`${file} is not valid JSON: ${detail}`, ExitCode.FAILED);
  }
  const parsed = AgentConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new AgentError(`${file} has mistakes:\n  ${problems.join("\n  ")}`, ExitCode.FAILED);
  }
  return parsed.data;
}

/** The settings the agent runs with, and why they are not simply the file's. */
export interface LoadedConfig {
  config: AgentConfig;
  /** What is wrong with `agent.json` (with line and column), or `null` when it was read as is. */
  problem: string | null;
  /** Where `config` came from: the file, its last good copy, or the defaults (neither was usable). */
  source: "file" | "last-good" | "defaults";
}

/**
 * Reads `agent.json` for a running agent, which must start whatever the file says: a broken file
 * (a comma deleted by hand) falls back to `backup`, the copy of the last settings the agent ran
 * with (kept in the state directory, which the service may write), or to the defaults (no
 * connection, the status page explaining why) when there is none. A good file refreshes the copy
 * unless `remember` is false (`status` only looks).
 */
export function loadConfig(
  file: string,
  backup: string,
  options: { remember: boolean } = { remember: true },
): LoadedConfig {
  try {
    const config = readConfig(file);
    if (options.remember && existsSync(file)) rememberGood(backup, config);
    return { config, problem: null, source: "file" };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    try {
      if (existsSync(backup)) return { config: parseConfig(backup), problem, source: "last-good" };
    } catch {
      // A broken copy is no better than none.
    }
    return { config: EMPTY_CONFIG, problem, source: "defaults" };
  }
}

/** Writes `agent.json` atomically (a reader never sees half a file). It holds no secret. */
export function writeConfig(file: string, config: AgentConfig): void {
  const valid = AgentConfig.parse(config);
  mkdirSync(dirname(file), { recursive: true });
  writeAtomically(file, `${JSON.stringify(valid, null, 2)}\n`);
}

function rememberGood(backup: string, config: AgentConfig): void {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  try {
    if (existsSync(backup) && readFileSync(backup, "utf8") === text) return;
    mkdirSync(dirname(backup), { recursive: true });
    writeAtomically(backup, text);
  } catch {
    // The copy is a safety net: failing to refresh it (a full disk) must not stop the agent.
  }
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o644 });
  renameSync(temp, file);
}
