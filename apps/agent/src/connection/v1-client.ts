import { Backoff, DEFAULT_BACKOFF, OPEN, type TimerHandle, type WebSocketLike } from "@sofia/client";
import { adviseOnClose, PING } from "@sofia/protocol";
import type { Link, LinkDeps } from "./link.ts";
import { observedSockets } from "./link.ts";
import { explainClose } from "./plain-language.ts";
import { retryDelay } from "./retry-delay.ts";
import { speakV1 } from "./v1-frames.ts";
import { startV1Keepalive } from "./v1-keepalive.ts";

/**
 * Protocol v1, for any endpoint that follows the integrators' spec
 * (../shared/specs/report-websocket-protocol.md): `{"doctor_key": …}` within 10 s, `ping` every
 * 30 s, exponential backoff. v1 has no acknowledgements: a report is journaled as it arrives and
 * de-duplicated by `report_id`; one lost in a dying socket is lost (use v2 where possible).
 * This class keeps the link's state (connecting, connected, waiting); frames are handled in
 * `v1-frames.ts` and pings, silence and sleep in `v1-keepalive.ts`.
 */
export class V1Link implements Link {
  private readonly backoff: Backoff;
  private readonly sockets;
  private socket: WebSocketLike | null = null;
  // Bumped whenever a socket is abandoned, so late events of an old socket are ignored.
  private generation = 0;
  private stopped = false;
  private lastHeard = 0;
  private keepalive: TimerHandle | null = null;
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
    this.keepalive = startV1Keepalive(this.deps, {
      stopped: () => this.stopped,
      connected: () => this.deps.board.status.state === "connected",
      lastHeard: () => this.lastHeard,
      ping: () => {
        if (this.socket?.readyState !== OPEN) return false;
        this.socket.send(PING);
        return true;
      },
      reconnect: (reason) => this.reconnectNow(reason),
    });
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    for (const timer of [this.keepalive, this.connectTimer, this.retry]) timer?.cancel();
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
    speakV1(socket, this.deps, {
      current: () => generation === this.generation,
      pong: () => {
        // Only the first pong of a connection matters: it proves the key was accepted.
        if (board.status.state !== "connecting") return;
        deadline.cancel();
        this.backoff.connected(clock.now());
        rotation.connected();
        board.update({ state: "connected", connectedSince: new Date(clock.now()).toISOString(), problem: null });
        this.deps.log.info("connected", { endpoint: url, protocol: "v1" });
      },
      closed: (code) => this.closed(generation, code),
    });
  }

  private closed(generation: number, code: number): void {
    if (generation !== this.generation || this.stopped) return;
    this.generation++;
    this.socket = null;
    this.connectTimer?.cancel();
    const { clock, board, tuning } = this.deps;
    this.deps.rotation.closed();
    const advice = adviseOnClose(code);
    const delay = retryDelay(advice, this.backoff.nextDelay(clock.now()), tuning);
    board.update({
      state: advice === "give_up" ? "halted" : "waiting",
      connectedSince: null,
      problem: explainClose(code, advice, delay, "v1"),
      retryAt: new Date(clock.now() + delay).toISOString(),
    });
    this.deps.log.warn("disconnected", { code, advice, retry_in_ms: delay, protocol: "v1" });
    this.retry = clock.setTimeout(() => this.connect(), delay);
  }
}
