import { UsageError } from "@sofia/cli";
import { type AgentConfig, endpointProblem, ProtocolSetting } from "../config/schema.ts";

/**
 * The settings `config get/set/list` reads and writes, spelled as the keys of `agent.json`, so
 * the file, the CLI and the docs use one name for each. `credential` is the one setting kept in
 * its own protected file instead.
 */
export const SETTINGS = ["endpoints", "protocol", "status_port", "log_level", "credential"] as const;
export type Setting = (typeof SETTINGS)[number];

/**
 * Older spellings still accepted on the command line (scripts written for v0.1 keep working);
 * never printed. `endpoint` sets a single endpoint.
 */
const ALIASES: Readonly<Record<string, Setting>> = {
  endpoint: "endpoints",
  "status-port": "status_port",
  "log-level": "log_level",
};

/** The help lines of the settings, for `sofia-agent config --help`. */
export const SETTINGS_HELP = `      endpoints     URL1,URL2,…   wss://hub.example.com/v2/ws; several are tried in order
      protocol      auto | v1 | v2  (auto: v1 for …/reports/ws, else v2)
      status_port   1-65535       the local status page (default 17380)
      log_level     debug | info | warn | error
      credential    sdt_… or a v1 doctor key (stored protected, never printed)`;

/** The setting `name` names (its file spelling or an accepted older one). */
export function settingNamed(name: string | undefined): Setting {
  const key = SETTINGS.find((s) => s === name) ?? (name !== undefined ? ALIASES[name] : undefined);
  if (!key) throw new UsageError(`unknown setting "${name ?? ""}"; settings: ${SETTINGS.join(", ")}`);
  return key;
}

/** `config` with `value` applied to setting `key`, or a usage error that says what is allowed. */
export function applySetting(key: Exclude<Setting, "credential">, value: string, config: AgentConfig): AgentConfig {
  switch (key) {
    case "endpoints": {
      const list = value.split(/[\s,]+/).filter((v) => v !== "");
      if (list.length === 0 || list.length > 10) throw new UsageError("give 1 to 10 endpoints, separated by commas");
      for (const url of list) {
        const problem = endpointProblem(url);
        if (problem) throw new UsageError(problem);
      }
      return { ...config, endpoints: list };
    }
    case "protocol": {
      const parsed = ProtocolSetting.safeParse(value);
      if (!parsed.success) throw new UsageError("protocol is auto, v1 or v2");
      return { ...config, protocol: parsed.data };
    }
    case "status_port": {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65_535) throw new UsageError("status_port is 1-65535");
      return { ...config, status_port: port };
    }
    case "log_level": {
      if (value !== "debug" && value !== "info" && value !== "warn" && value !== "error") {
        throw new UsageError("log_level is debug, info, warn or error");
      }
      return { ...config, log_level: value };
    }
  }
}
