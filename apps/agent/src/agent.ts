import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { type Clock, defaultSocketFactory, type SocketFactory, systemClock } from "@sofia/client";
import { readConfig } from "./config/config-file.ts";
import type { ConnectionTuning } from "./connection/link.ts";
import { StatusBoard } from "./connection/status-board.ts";
import { Supervisor } from "./connection/supervisor.ts";
import { Journal } from "./journal/journal.ts";
import type { Logger } from "./log/logger.ts";
import type { AgentPaths } from "./paths.ts";
import { Processor, type RetryPolicy } from "./pipeline/processor.ts";
import { ReviewSink } from "./pipeline/review-sink.ts";
import type { Sink } from "./pipeline/sink.ts";
import { FileCredentialStore } from "./secrets/credential-store.ts";
import { loadStatusSecret } from "./status/secret.ts";
import { type StatusServer, startStatusServer } from "./status/server.ts";
import { VERSION } from "./version.ts";

/** How to run an agent. Everything but `paths` and `log` has a production default. */
export interface AgentOptions {
  paths: AgentPaths;
  log: Logger;
  clock?: Clock;
  createSocket?: SocketFactory;
  random?: () => number;
  sink?: Sink;
  tuning?: ConnectionTuning;
  retry?: RetryPolicy;
  /** Overrides the configured status-page port (0: any free port). */
  statusPort?: number;
  reloadMs?: number;
}

/** A running agent. */
export interface RunningAgent {
  board: StatusBoard;
  journal: Journal;
  status: StatusServer;
  /** Waits until the processor has handled everything due now (tests). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the agent: the journal, the processor that hands reports to the sink, the supervisor
 * that keeps the connection matching the settings, and the local status page.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const { paths, log } = options;
  const clock = options.clock ?? systemClock;
  mkdirSync(paths.stateDir, { recursive: true });
  const journal = Journal.open(paths.journalFile, () => clock.now());
  const sink = options.sink ?? new ReviewSink();
  const board = new StatusBoard();
  const processor = new Processor(journal, sink, clock, log, options.retry);
  let supervisor: Supervisor | null = null;
  const process_ = () =>
    processor.kick().then(
      () => supervisor?.flushStatuses(),
      (error) => log.error("processing failed", { error: String(error).slice(0, 300) }),
    );
  supervisor = new Supervisor({
    configFile: paths.configFile,
    credentials: new FileCredentialStore(paths.credentialFile),
    journal,
    board,
    clock,
    log,
    createSocket: options.createSocket ?? defaultSocketFactory,
    random: options.random ?? Math.random,
    tuning: options.tuning ?? {},
    onJournaled: () => void process_(),
    ...(options.reloadMs !== undefined ? { reloadMs: options.reloadMs } : {}),
  });
  const startedAt = new Date(clock.now()).toISOString();
  const status = startStatusServer({
    board,
    journal,
    secret: loadStatusSecret(paths.statusSecretFile),
    port: options.statusPort ?? readConfig(paths.configFile).status_port,
    meta: { version: VERSION, startedAt, sink: sink.name },
  });
  writeFileSync(paths.runtimeFile, JSON.stringify({ pid: process.pid, port: status.port, started_at: startedAt }));
  await supervisor.start();
  // Reports journaled before a crash or restart are picked up again.
  await process_();
  log.info("agent started", { version: VERSION, status_port: status.port, sink: sink.name });
  return {
    board,
    journal,
    status,
    settled: () => process_(),
    async stop() {
      supervisor?.stop();
      await processor.stop();
      await status.stop();
      rmSync(paths.runtimeFile, { force: true });
      journal.close();
      log.info("agent stopped");
    },
  };
}
