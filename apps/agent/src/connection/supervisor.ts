import { existsSync, statSync } from "node:fs";
import type { TimerHandle } from "@sofia/client";
import { loadConfig } from "../config/config-file.ts";
import { type AgentConfig, effectiveProtocol } from "../config/schema.ts";
import type { CredentialStore } from "../secrets/credential-store.ts";
import { EndpointRotation } from "./endpoint-rotation.ts";
import type { Link, LinkDeps } from "./link.ts";
import { V1Link } from "./v1-client.ts";
import { V2Link } from "./v2-link.ts";

/**
 * What the supervisor needs: what it hands every link, except the credential and the endpoint
 * rotation, which it derives from the settings it watches.
 */
export interface SupervisorDeps extends Omit<LinkDeps, "credential" | "rotation"> {
  configFile: string;
  /** Where the last good settings are kept, to start with when `configFile` is broken. */
  lastGoodConfigFile: string;
  credentials: CredentialStore;
  /** Called with the settings each time they are (re)applied: the status page port, the log level. */
  onSettings?: (config: AgentConfig) => void;
  /** How often the config and credential files are checked for changes. Default 1 s. */
  reloadMs?: number;
}

/**
 * Keeps one link running for the current settings. It polls the config file and the credential
 * for changes (a `config set` or a new `enroll` by another process): a new credential or protocol
 * replaces the link (a fresh cursor scope, a fresh backoff); a new endpoint list makes the running
 * link reconnect at once. A config file that fails to parse keeps the settings in use running
 * (at start: the last good copy, else none), and the status page shows its line and column.
 */
export class Supervisor {
  private link: Link | null = null;
  private linkKey = "";
  private endpoints: readonly string[] = [];
  private seen = "";
  private timer: TimerHandle | null = null;
  private stopped = false;
  private applied = false;
  private readonly rotation = new EndpointRotation(() => this.endpoints);

  constructor(private readonly deps: SupervisorDeps) {}

  /** Applies the settings on disk and starts watching them. */
  async start(): Promise<void> {
    await this.reload();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.link?.stop();
    this.link = null;
  }

  /** Sends statuses the journal has queued. */
  flushStatuses(): void {
    this.link?.flushStatuses();
  }

  /** Re-reads the settings if the files changed; returns whether anything was applied. */
  async reload(): Promise<boolean> {
    const fingerprint = `${fileVersion(this.deps.configFile)}|${this.deps.credentials.version()}`;
    if (fingerprint === this.seen) return false;
    this.seen = fingerprint;
    const { board, log } = this.deps;
    let credential: string | null;
    try {
      credential = this.deps.credentials.read();
    } catch (error) {
      const problem = `the credential could not be read; still using the previous one: ${error instanceof Error ? error.message : String(error)}`;
      board.update({ problem });
      log.error("credential not reloaded", { error: String(error).slice(0, 300) });
      return false;
    }
    const loaded = loadConfig(this.deps.configFile, this.deps.lastGoodConfigFile);
    if (loaded.problem === null) board.update({ settingsProblem: null });
    else {
      // Once running, keep what runs; at start, take the last good copy (or the defaults: no connection).
      const using = this.applied ? "previous" : loaded.source;
      board.update({ settingsProblem: `${loaded.problem} (${FALLBACK[using]})` });
      log.error("settings have mistakes", { problem: loaded.problem.slice(0, 500), using });
      if (this.applied) return false;
    }
    const config = loaded.config;
    this.applied = true;
    this.deps.onSettings?.(config);
    await this.apply(config, credential);
    return true;
  }

  private async apply(config: AgentConfig, credential: string | null): Promise<void> {
    const { board, log } = this.deps;
    const endpointsChanged = config.endpoints.join(" ") !== this.endpoints.join(" ");
    this.endpoints = config.endpoints;
    board.update({ endpoints: [...config.endpoints] });
    if (credential === null || config.endpoints.length === 0) {
      this.link?.stop();
      this.link = null;
      this.linkKey = "";
      const problem =
        credential === null
          ? "no credential: run sofia-agent enroll CODE --hub URL"
          : "no endpoint: run sofia-agent config set endpoints wss://…";
      board.update({ state: "not_configured", problem, endpoint: null, connectedSince: null });
      log.warn("not configured", { missing: credential === null ? "credential" : "endpoint" });
      return;
    }
    const protocol = effectiveProtocol(config);
    const key = `${protocol}\n${credential}`;
    if (key !== this.linkKey || !this.link) {
      this.link?.stop();
      this.rotation.reset();
      this.linkKey = key;
      const deps = { ...this.deps, credential, rotation: this.rotation };
      this.link = protocol === "v1" ? new V1Link(deps) : new V2Link(deps);
      log.info("connecting with new settings", { protocol, endpoints: config.endpoints.length });
      await this.link.start();
    } else if (endpointsChanged) {
      log.info("endpoint changed: reconnecting", { endpoints: config.endpoints.length });
      this.link.reconnectNow("endpoint changed");
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.reload()
        .catch((error) => this.deps.log.error("reload failed", { error: String(error).slice(0, 300) }))
        .finally(() => this.schedule());
    }, this.deps.reloadMs ?? 1000);
  }
}

/** What the agent does about a broken `agent.json`, by what it runs with instead. */
const FALLBACK = {
  previous: "the agent keeps running with the settings it had",
  "last-good": "the agent runs with the last settings that worked",
  defaults: "the agent does not connect until it is fixed",
  file: "",
} as const;

function fileVersion(file: string): string {
  if (!existsSync(file)) return "none";
  const stat = statSync(file);
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}
