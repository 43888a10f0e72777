import { readConfig, writeConfig } from "../config/config-file.ts";
import { type AgentConfig, effectiveProtocol, endpointProblem, ProtocolSetting } from "../config/schema.ts";
import { AgentError, ExitCode } from "../exit-codes.ts";
import type { AgentPaths } from "../paths.ts";
import { Credential, credentialLabel, FileCredentialStore } from "../secrets/credential-store.ts";
import type { CliIo } from "./io.ts";

const KEYS = ["endpoint", "endpoints", "protocol", "credential", "status-port", "log-level"] as const;
type Key = (typeof KEYS)[number];

/** `sofia-agent config get KEY | set KEY VALUE | list`. */
export function configCommand(args: string[], io: CliIo, paths: AgentPaths): number {
  const [action, rawKey, ...values] = args;
  const credentials = new FileCredentialStore(paths.credentialFile, io.platform === "win32");
  if (action === "list") {
    const config = readConfig(paths.configFile);
    for (const key of KEYS) io.out(`${key.padEnd(12)} ${show(key, config, credentials)}`);
    return ExitCode.OK;
  }
  if (action !== "get" && action !== "set") {
    throw new AgentError('use "config get KEY", "config set KEY VALUE" or "config list"', ExitCode.USAGE);
  }
  const key = KEYS.find((k) => k === rawKey);
  if (!key) throw new AgentError(`unknown setting "${rawKey ?? ""}"; settings: ${KEYS.join(", ")}`, ExitCode.USAGE);
  const config = readConfig(paths.configFile);
  if (action === "get") {
    if (values.length > 0) throw new AgentError("config get takes one setting", ExitCode.USAGE);
    io.out(show(key, config, credentials));
    return ExitCode.OK;
  }
  if (values.length !== 1) throw new AgentError(`config set ${key} takes one value`, ExitCode.USAGE);
  const value = values[0] ?? "";
  if (key === "credential") {
    const parsed = Credential.safeParse(value);
    if (!parsed.success) throw new AgentError(parsed.error.issues[0]?.message ?? "invalid credential", ExitCode.USAGE);
    credentials.write(parsed.data);
    io.out(`credential set to ${credentialLabel(parsed.data)} (stored in ${paths.credentialFile}).`);
  } else {
    const updated = apply(key, value, config);
    writeConfig(paths.configFile, updated);
    io.out(`${key} set to ${show(key, updated, credentials)}.`);
    if (key === "endpoint" || key === "endpoints")
      io.out(`The agent will speak protocol ${effectiveProtocol(updated)}.`);
  }
  io.out("A running agent applies it within a few seconds; no restart needed.");
  return ExitCode.OK;
}

function apply(key: Exclude<Key, "credential">, value: string, config: AgentConfig): AgentConfig {
  switch (key) {
    case "endpoint":
    case "endpoints": {
      const list = value.split(/[\s,]+/).filter((v) => v !== "");
      if (list.length === 0 || list.length > 10) throw new AgentError("give 1 to 10 endpoints", ExitCode.USAGE);
      if (key === "endpoint" && list.length > 1)
        throw new AgentError("for several, use: config set endpoints URL1,URL2", ExitCode.USAGE);
      for (const url of list) {
        const problem = endpointProblem(url);
        if (problem) throw new AgentError(problem, ExitCode.USAGE);
      }
      return { ...config, endpoints: list };
    }
    case "protocol": {
      const parsed = ProtocolSetting.safeParse(value);
      if (!parsed.success) throw new AgentError("protocol is auto, v1 or v2", ExitCode.USAGE);
      return { ...config, protocol: parsed.data };
    }
    case "status-port": {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65_535)
        throw new AgentError("status-port is 1-65535", ExitCode.USAGE);
      return { ...config, status_port: port };
    }
    case "log-level": {
      if (value !== "debug" && value !== "info" && value !== "warn" && value !== "error") {
        throw new AgentError("log-level is debug, info, warn or error", ExitCode.USAGE);
      }
      return { ...config, log_level: value };
    }
  }
}

function show(key: Key, config: AgentConfig, credentials: FileCredentialStore): string {
  switch (key) {
    case "endpoint":
      return config.endpoints[0] ?? "(not set)";
    case "endpoints":
      return config.endpoints.join(",") || "(not set)";
    case "protocol":
      return config.protocol === "auto" ? `auto (${effectiveProtocol(config)})` : config.protocol;
    case "credential": {
      const credential = credentials.read();
      return credential ? `${credentialLabel(credential)} (stored; the secret is never printed)` : "(not set)";
    }
    case "status-port":
      return String(config.status_port);
    case "log-level":
      return config.log_level;
  }
}
