import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { type Clock, defaultSocketFactory, type SocketFactory, systemClock } from "@sofia/client";
import type { Logger } from "@sofia/runtime/log";
import { loadConfig } from "./config/config-file.ts";
import type { AgentConfig } from "./config/schema.ts";
import type { ConnectionTuning } from "./connection/link.ts";
import { StatusBoard } from "./connection/status-board.ts";
import { Supervisor } from "./connection/supervisor.ts";
import { Journal } from "./journal/journal.ts";
import { AgentMetrics } from "./metrics/agent-metrics.ts";
import { OpenDentalService } from "./opendental/service.ts";
import { OpenDentalSink } from "./opendental/sink.ts";
import { openDentalStatus } from "./opendental/status.ts";
import type { AgentPaths } from "./paths.ts";
import { Processor, type RetryPolicy } from "./pipeline/processor.ts";
import type { Sink } from "./pipeline/sink.ts";
import { ReviewDesk } from "./review/desk.ts";
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
  /** Overrides the configured status-page port (0: any free port); the setting is then ignored. */
  statusPort?: number;
  reloadMs?: number;
  /** How often the status page refreshes its figures (default 5 s). */
  statusRefreshMs?: number;
  /** Called with the settings each time they are applied (`run` sets the log level from them). */
  onSettings?: (config: AgentConfig) => void;
  /** How the Open Dental writer reaches the office and fetches Word documents (tests inject). */
  fetch?: typeof fetch;
  /** This PC's machine name, as Open Dental's workstations are named (default the OS's). */
  thisPc?: string;
  /** Open Dental client deadline per attempt (default 65 s). */
  odTimeoutMs?: number;
}

/** A running agent. */
export interface RunningAgent {
  board: StatusBoard;
  journal: Journal;
  /** The status page as it is now (it moves when `status_port` changes). */
  readonly status: StatusServer;
  /** Open Dental on this PC: office, chair, ledger, audit. */
  openDental: OpenDentalService;
  /** Waits until the processor has handled everything due now (tests). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the agent: the journal, the processor that hands reports to the sink, the supervisor
 * that keeps the connection matching the settings, and the local status page. A broken
 * `agent.json` does not stop it: it runs with the last good settings, or without a connection,
 * and the status page and the log say what is wrong and where.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const { paths, log } = options;
  const clock = options.clock ?? systemClock;
  mkdirSync(paths.stateDir, { recursive: true });
  const journal = Journal.open(paths.journalFile, () => clock.now());
  const board = new StatusBoard();
  const metrics = new AgentMetrics();
  metrics.readFrom({ journal, connection: () => board.status, now: () => clock.now() });
  const openDental = new OpenDentalService({
    stateFile: paths.openDentalStateFile,
    keysFile: paths.openDentalKeysFile,
    protectKeys: process.platform === "win32",
    clock,
    log,
    fetch: metrics.fetch(options.fetch ?? fetch),
    ...(options.thisPc ? { thisPc: options.thisPc } : {}),
    ...(options.odTimeoutMs !== undefined ? { timeoutMs: options.odTimeoutMs } : {}),
  });
  let enrolledDoctor: string | null = null;
  const sink =
    options.sink ??
    new OpenDentalSink(openDental, () => board.status.doctorId ?? enrolledDoctor, clock, options.fetch ?? fetch);
  const processor = new Processor(journal, sink, clock, log, options.retry);
  const startedAt = new Date(clock.now()).toISOString();
  const page = {
    board,
    journal,
    secret: loadStatusSecret(paths.statusSecretFile),
    meta: { version: VERSION, startedAt, sink: sink.name, openDental: () => openDentalStatus(openDental) },
    ...(options.statusRefreshMs !== undefined ? { refreshMs: options.statusRefreshMs } : {}),
    setup: { paths, fetch: options.fetch ?? fetch, protectKeys: process.platform === "win32" },
    review: new ReviewDesk({
      journal,
      openDental,
      doctorId: () => board.status.doctorId ?? enrolledDoctor,
      kick: () => void process_(),
      clock,
    }),
    log,
    metrics,
  };
  const initial = loadConfig(paths.configFile, paths.lastGoodConfigFile).config;
  let status = startStatusServer({ ...page, port: options.statusPort ?? initial.status_port });
  const writeRuntime = () =>
    writeFileSync(paths.runtimeFile, JSON.stringify({ pid: process.pid, port: status.port, started_at: startedAt }));
  writeRuntime();
  /** Moves the status page when `status_port` changes; a taken port leaves it where it is, visibly. */
  const moveStatusPage = async (port: number) => {
    if (options.statusPort !== undefined || port === status.port) return;
    let moved: StatusServer;
    try {
      moved = startStatusServer({ ...page, port });
    } catch (error) {
      const problem = `status_port ${port} is in use (${error instanceof Error ? error.message : String(error)}); the status page stays on ${status.port}`;
      board.update({ settingsProblem: problem });
      log.error("status page not moved", { port, error: String(error).slice(0, 200) });
      return;
    }
    const old = status;
    status = moved;
    writeRuntime();
    await old.stop();
    log.info("status page moved", { port: status.port });
  };
  let supervisor: Supervisor | null = null;
  const process_ = () =>
    processor.kick().then(
      () => supervisor?.flushStatuses(),
      (error) => log.error("processing failed", { error: String(error).slice(0, 300) }),
    );
  supervisor = new Supervisor({
    configFile: paths.configFile,
    lastGoodConfigFile: paths.lastGoodConfigFile,
    credentials: new FileCredentialStore(paths.credentialFile),
    journal,
    board,
    clock,
    log,
    createSocket: options.createSocket ?? defaultSocketFactory,
    random: options.random ?? Math.random,
    tuning: options.tuning ?? {},
    onJournaled: () => void process_(),
    onSettings: (config) => {
      options.onSettings?.(config);
      enrolledDoctor = config.device?.doctor_id ?? null;
      void moveStatusPage(config.status_port);
      openDental
        .apply(config)
        .catch((error) => log.error("Open Dental settings not applied", { error: String(error).slice(0, 300) }));
    },
    ...(options.reloadMs !== undefined ? { reloadMs: options.reloadMs } : {}),
  });
  await supervisor.start();
  // Reports journaled before a crash or restart are picked up again.
  await process_();
  log.info("agent started", { version: VERSION, status_port: status.port, sink: sink.name });
  return {
    board,
    journal,
    get status() {
      return status;
    },
    openDental,
    settled: () => process_(),
    async stop() {
      supervisor?.stop();
      await processor.stop();
      await status.stop();
      await openDental.stop();
      rmSync(paths.runtimeFile, { force: true });
      journal.close();
      log.info("agent stopped");
    },
  };
}
