import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningAgent, startAgent } from "../../src/agent.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/run.ts";
import { readConfig, writeConfig } from "../../src/config/config-file.ts";
import type { ConnectionTuning } from "../../src/connection/link.ts";
import { createLogger } from "../../src/log/logger.ts";
import { type AgentPaths, resolvePaths } from "../../src/paths.ts";
import type { Sink } from "../../src/pipeline/sink.ts";
import { FileCredentialStore } from "../../src/secrets/credential-store.ts";

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
  agent: RunningAgent | null = null;

  /** Runs a CLI command in-process against this home; stdout and stderr are collected. */
  async cli(argv: string[], overrides: Partial<CliIo> = {}) {
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

  /** Starts the agent in-process with fast timings. */
  async start(options: { tuning?: ConnectionTuning; sink?: Sink } = {}): Promise<RunningAgent> {
    const log = createLogger({ level: "debug", sinks: [(l) => this.logs.push(l)] });
    this.agent = await startAgent({
      paths: this.paths,
      log,
      statusPort: 0,
      reloadMs: 100,
      tuning: options.tuning ?? FAST,
      ...(options.sink ? { sink: options.sink } : {}),
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

/** Polls `check` every 20 ms until it returns true; fails with `what` after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await Bun.sleep(20);
  }
}
