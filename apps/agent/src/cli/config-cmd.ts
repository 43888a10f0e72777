import { UsageError } from "@sofia/cli";
import { readConfig, writeConfig } from "../config/config-file.ts";
import { type AgentConfig, effectiveProtocol } from "../config/schema.ts";
import { ExitCode } from "../exit-codes.ts";
import type { AgentPaths } from "../paths.ts";
import { Credential, credentialLabel, FileCredentialStore } from "../secrets/credential-store.ts";
import type { AgentIo } from "./io.ts";
import { applyOdSetting, OD_SETTINGS, odSettingNamed, showOdSetting } from "./opendental-settings.ts";
import { applySetting, SETTINGS, type Setting, settingNamed } from "./settings.ts";

/** `sofia-agent config get KEY | set KEY VALUE | list`. */
export function configCommand(args: string[], io: AgentIo, paths: AgentPaths): number {
  const [action, rawKey, ...values] = args;
  const credentials = new FileCredentialStore(paths.credentialFile, io.platform === "win32");
  if (action === "list") {
    if (rawKey !== undefined) throw new UsageError("config list takes no argument");
    const config = readConfig(paths.configFile);
    for (const key of SETTINGS) io.out(`${key.padEnd(12)} ${show(key, config, credentials)}`);
    for (const key of OD_SETTINGS) io.out(`opendental.${key} ${showOdSetting(key, config)}`);
    return ExitCode.OK;
  }
  if (action !== "get" && action !== "set") {
    throw new UsageError('use "config get KEY", "config set KEY VALUE" or "config list"');
  }
  if (rawKey?.startsWith("opendental.")) return openDentalSetting(action, rawKey, values, io, paths);
  const key = settingNamed(rawKey);
  const config = readConfig(paths.configFile);
  if (action === "get") {
    if (values.length > 0) throw new UsageError("config get takes one setting");
    io.out(show(key, config, credentials));
    return ExitCode.OK;
  }
  if (values.length !== 1) throw new UsageError(`config set ${key} takes one value`);
  const value = values[0] ?? "";
  if (rawKey === "endpoint" && value.split(/[\s,]+/).filter((v) => v !== "").length > 1) {
    throw new UsageError("for several, use: config set endpoints URL1,URL2");
  }
  if (key === "credential") {
    const parsed = Credential.safeParse(value);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid credential");
    credentials.write(parsed.data);
    io.out(`credential set to ${credentialLabel(parsed.data)} (stored in ${paths.credentialFile}).`);
  } else {
    const updated = applySetting(key, value, config);
    writeConfig(paths.configFile, updated);
    io.out(`${key} set to ${show(key, updated, credentials)}.`);
    if (key === "endpoints") io.out(`The agent will speak protocol ${effectiveProtocol(updated)}.`);
  }
  // True of every setting: the supervisor re-reads both files every second and applies what
  // changed (a new connection, a reconnect, the status page on its new port, the log level).
  io.out("A running agent applies it within a few seconds; no restart needed.");
  return ExitCode.OK;
}

function show(key: Setting, config: AgentConfig, credentials: FileCredentialStore): string {
  switch (key) {
    case "endpoints":
      return config.endpoints.join(",") || "(not set)";
    case "protocol":
      return config.protocol === "auto" ? `auto (${effectiveProtocol(config)})` : config.protocol;
    case "credential": {
      const credential = credentials.read();
      return credential ? `${credentialLabel(credential)} (stored; the secret is never printed)` : "(not set)";
    }
    case "status_port":
      return String(config.status_port);
    case "log_level":
      return config.log_level;
  }
}

/** `config get|set opendental.KEY`: Open Dental's settings, in the `opendental` section of agent.json. */
function openDentalSetting(
  action: "get" | "set",
  name: string,
  values: string[],
  io: AgentIo,
  paths: AgentPaths,
): number {
  const key = odSettingNamed(name);
  const config = readConfig(paths.configFile);
  if (action === "get") {
    if (values.length > 0) throw new UsageError("config get takes one setting");
    io.out(showOdSetting(key, config));
    return ExitCode.OK;
  }
  if (values.length !== 1) throw new UsageError(`config set ${name} takes one value`);
  const updated = applyOdSetting(key, values[0] ?? "", config);
  writeConfig(paths.configFile, updated);
  io.out(`${name} set to ${showOdSetting(key, updated)}.`);
  if (key === "signed" && showOdSetting(key, updated) === "true") {
    io.out("Note: Open Dental signs notes written through its API in the API developer's name, not the dentist's.");
  }
  io.out("A running agent applies it within a few seconds; no restart needed.");
  return ExitCode.OK;
}
