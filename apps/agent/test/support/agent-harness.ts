import { afterEach } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "@sofia/client";
import { createLogger } from "@sofia/runtime/log";
import { type RunningAgent, startAgent } from "../../src/agent.ts";
import type { AgentIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/run.ts";
import { readConfig, writeConfig } from "../../src/config/config-file.ts";
import type { AgentConfig } from "../../src/config/schema.ts";
import type { ConnectionTuning } from "../../src/connection/link.ts";
import { type AgentPaths, resolvePaths } from "../../src/paths.ts";
import type { RetryPolicy } from "../../src/pipeline/processor.ts";
import type { Sink } from "../../src/pipeline/sink.ts";
import { FileCredentialStore } from "../../src/secrets/credential-store.ts";
import { freePort } from "./ports.ts";

/** Connection timings for tests on loopback: fast backoff, a watchdog that notices in 200 ms. */
export const FAST: ConnectionTuning = {
  backoff: { minMs: 20, maxMs: 300, stableMs: 2000 },
  reauthenticateDelayMs: 300,
  haltedRetryMs: 1000,
  connectTimeoutMs: 3000,
  watchdogMs: 200,
};

/** An agent home in a temp directory, with helpers to configure it and run the agent in-process. */
export class AgentHome {
  readonly dir = mkdtempSync(join(tmpdir(), "sofia-agent-test-"));
  readonly paths: AgentPaths = resolvePaths({ SOFIA_AGENT_HOME: this.dir }, "linux");
  readonly logs: string[] = [];
  /** The settings the running agent applied, in order (what `run` takes the log level from). */
  readonly applied: AgentConfig[] = [];
  agent: RunningAgent | null = null;

  /** Runs a CLI command in-process against this home; stdout and stderr are collected. */
  async cli(argv: string[], overrides: Partial<AgentIo> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { SOFIA_AGENT_HOME: this.dir },
      fetch,
      platform: "linux",
      run: async () => ({ code: 0, output: "" }),
      isAdmin: () => true,
      self: { execPath: process.execPath, scriptPath: join(import.meta.dir, "../../src/main.ts"), compiled: false },
      ...overrides,
    });
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  }

  /** Writes settings directly, as `config set` would. */
  configure(endpoints: string[], credential?: string): void {
    writeConfig(this.paths.configFile, { ...readConfig(this.paths.configFile), endpoints });
    if (credential) new FileCredentialStore(this.paths.credentialFile, false).write(credential);
  }

  /**
   * Starts the agent in-process with fast timings. The status page takes any free port, unless
   * `configuredStatusPort`: then a free port is written into the settings and the agent follows
   * the `status_port` setting, as in production.
   */
  async start(
    options: {
      tuning?: ConnectionTuning;
      sink?: Sink;
      clock?: Clock;
      configuredStatusPort?: boolean;
      refreshMs?: number;
      /** Open Dental: this PC's machine name, and the client's deadline per attempt. */
      thisPc?: string;
      odTimeoutMs?: number;
      retry?: RetryPolicy;
      fetch?: typeof fetch;
    } = {},
  ): Promise<RunningAgent> {
    const log = createLogger({ level: "debug", sinks: [(l) => this.logs.push(l)] });
    if (options.configuredStatusPort) {
      writeConfig(this.paths.configFile, { ...readConfig(this.paths.configFile), status_port: freePort() });
    }
    this.agent = await startAgent({
      paths: this.paths,
      log,
      reloadMs: 100,
      tuning: options.tuning ?? FAST,
      onSettings: (config) => this.applied.push(config),
      ...(options.configuredStatusPort ? {} : { statusPort: 0 }),
      ...(options.sink ? { sink: options.sink } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.refreshMs !== undefined ? { statusRefreshMs: options.refreshMs } : {}),
      ...(options.thisPc ? { thisPc: options.thisPc } : {}),
      ...(options.odTimeoutMs !== undefined ? { odTimeoutMs: options.odTimeoutMs } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return this.agent;
  }

  async stop(): Promise<void> {
    await this.agent?.stop();
    this.agent = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Registers an `afterEach` that disposes every home `newHome()` made in the test. */
export function useHomes(): () => AgentHome {
  const homes: AgentHome[] = [];
  afterEach(async () => {
    for (const home of homes.splice(0)) await home.dispose();
  });
  return () => {
    const home = new AgentHome();
    homes.push(home);
    return home;
  };
}
