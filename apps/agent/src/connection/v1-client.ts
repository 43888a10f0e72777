import { Backoff, DEFAULT_BACKOFF, OPEN, type TimerHandle, type WebSocketLike } from "@sofia/client";
import { adviseOnClose, PING, PONG, type ReportReadyData, V1ServerMessage } from "@sofia/protocol";
import type { Link, LinkDeps } from "./link.ts";
import { observedSockets } from "./link.ts";
import { explainClose } from "./plain-language.ts";

/**
 * Protocol v1, for any endpoint that follows the integrators' spec
 * (../shared/specs/report-websocket-protocol.md): `{"doctor_key": …}` within 10 s, `ping` every
 * 30 s, exponential backoff. v1 has no acknowledgements: a report is journaled as it arrives and
 * de-duplicated by `report_id`; one lost in a dying socket is lost (use v2 where possible).
 */
export class V1Link implements Link {
  private readonly backoff: Backoff;
  private readonly sockets;
  private socket: WebSocketLike | null = null;
  private generation = 0;
  private stopped = false;
  private lastHeard = 0;
  private lastTick = 0;
  private watchdog: TimerHandle | null = null;
  private connectTimer: TimerHandle | null = null;
  private retry: TimerHandle | null = null;

  constructor(private readonly deps: LinkDeps) {
    this.backoff = new Backoff({ ...DEFAULT_BACKOFF, ...deps.tuning.backoff }, deps.random);
    this.sockets = observedSockets(deps.createSocket, () => {
      this.lastHeard = deps.clock.now();
      deps.board.update({ lastHeardAt: new Date(this.lastHeard).toISOString() });
    });
  }

  async start(): Promise<void> {
    this.deps.board.update({ protocol: "v1", credentialId: null, problem: null });
    this.lastTick = this.deps.clock.now();
    this.watch();
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    for (const timer of [this.watchdog, this.connectTimer, this.retry]) timer?.cancel();
    this.socket?.close(1000, "agent stopped");
    this.deps.board.update({ state: "stopped" });
  }

  reconnectNow(reason: string): void {
    if (this.stopped) return;
    this.deps.rotation.reset();
    this.generation++;
    this.retry?.cancel();
    this.socket?.close(1000, reason.slice(0, 100));
    this.connect();
  }

  flushStatuses(): void {}

  private connect(): void {
    const generation = ++this.generation;
    const { board, clock, rotation } = this.deps;
    const url = rotation.current();
    board.update({ state: "connecting", endpoint: url });
    let socket: WebSocketLike;
    try {
      socket = this.sockets(url);
    } catch {
      this.closed(generation, 1006);
      return;
    }
    this.socket = socket;
    const deadline = clock.setTimeout(() => {
      if (board.status.state === "connecting") socket.close(4000, "no answer");
      this.closed(generation, 1006);
    }, this.deps.tuning.connectTimeoutMs ?? 15_000);
    this.connectTimer?.cancel();
    this.connectTimer = deadline;
    socket.onopen = () => {
      if (generation !== this.generation) return;
      socket.send(JSON.stringify({ doctor_key: this.deps.credential }));
      // The spec defines no answer to auth; a pong after it proves the key was accepted.
      socket.send(PING);
    };
    socket.onmessage = (event) => {
      if (generation !== this.generation) return;
      if (event.data === PONG && board.status.state === "connecting") {
        deadline.cancel();
        this.backoff.connected(clock.now());
        rotation.connected();
        board.update({ state: "connected", connectedSince: new Date(clock.now()).toISOString(), problem: null });
        this.deps.log.info("connected", { endpoint: url, protocol: "v1" });
      }
      if (typeof event.data === "string" && event.data !== PONG) this.message(event.data);
    };
    socket.onclose = (event) => this.closed(generation, event.code);
  }

  private message(text: string): void {
    let parsed: ReturnType<typeof V1ServerMessage.safeParse>;
    try {
      parsed = V1ServerMessage.safeParse(JSON.parse(text));
    } catch {
      this.deps.log.warn("the endpoint sent a frame that is not JSON");
      return;
    }
    if (!parsed.success) {
      this.deps.log.warn("the endpoint sent a message that does not follow the spec");
      return;
    }
    const message = parsed.data;
    if (message.type === "report_ready") this.journal(message);
    else if (message.type === "error") this.deps.log.warn("endpoint error", { code: message.code });
  }

  private journal(report: ReportReadyData & { type?: string }): void {
    const { type: _type, ...data } = report;
    const recorded = this.deps.journal.recordV1(data);
    this.deps.log.info(recorded === "new" ? "report journaled" : "duplicate report recognised", {
      report_id: data.report_id,
      protocol: "v1",
    });
    if (recorded === "new") this.deps.onJournaled();
  }

  private closed(generation: number, code: number): void {
    if (generation !== this.generation || this.stopped) return;
    this.generation++;
    this.socket = null;
    this.connectTimer?.cancel();
    const { clock, board, tuning } = this.deps;
    this.deps.rotation.closed();
    const advice = adviseOnClose(code);
    const backoff = this.backoff.nextDelay(clock.now());
    const delay =
      advice === "give_up"
        ? (tuning.haltedRetryMs ?? 300_000)
        : advice === "reauthenticate"
          ? Math.max(tuning.reauthenticateDelayMs ?? 60_000, backoff)
          : backoff;
    board.update({
      state: advice === "give_up" ? "halted" : "waiting",
      connectedSince: null,
      problem: explainClose(code, advice, delay, "v1"),
      retryAt: new Date(clock.now() + delay).toISOString(),
    });
    this.deps.log.warn("disconnected", { code, advice, retry_in_ms: delay, protocol: "v1" });
    this.retry = clock.setTimeout(() => this.connect(), delay);
  }

  /** Pings on schedule, enforces the silence deadline and reconnects after a wall-clock jump. */
  private watch(): void {
    const { clock, tuning } = this.deps;
    const period = tuning.watchdogMs ?? 2000;
    const pingEvery = tuning.v1PingMs ?? 30_000;
    let sincePing = 0;
    const tick = () => {
      if (this.stopped) return;
      const now = clock.now();
      const jump = now - this.lastTick - period;
      this.lastTick = now;
      sincePing += period;
      const connected = this.deps.board.status.state === "connected";
      if (jump > (tuning.clockJumpMs ?? 15_000)) {
        this.deps.log.info("wall clock jumped (sleep or hibernate): reconnecting", { jump_ms: jump });
        this.reconnectNow("wall clock jumped");
      } else if (connected && now - this.lastHeard > pingEvery + 20_000) {
        this.deps.log.warn("the endpoint went silent: reconnecting");
        this.reconnectNow("no pong");
      } else if (connected && sincePing >= pingEvery && this.socket?.readyState === OPEN) {
        sincePing = 0;
        this.socket.send(PING);
      }
      this.watchdog = clock.setTimeout(tick, period);
    };
    this.watchdog = clock.setTimeout(tick, period);
  }
}
