import {
  adviseOnV2Close,
  type ClientReportStatus,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
  type TargetRef,
  type V2ClientMessage,
  type V2Deliver,
  V2ServerMessage,
  type V2Status,
  type V2Welcome,
} from "@sofia/protocol";
import { Backoff, type BackoffPolicy, DEFAULT_BACKOFF } from "./backoff.ts";
import { type Clock, systemClock, type TimerHandle } from "./clock.ts";
import type { CursorStore } from "./cursor-store.ts";
import type { ClientEvent, ClientState } from "./events.ts";
import { defaultSocketFactory, OPEN, type SocketFactory, type WebSocketLike } from "./socket.ts";

/** How to run a {@link SofiaClient}. */
export interface SofiaClientOptions {
  /** The hub's `/v2/ws` URL; read at every connection, so a changed setting applies on the next one. */
  url: () => string;
  /** A doctor key or agent device token; read at every connection. */
  credential: () => string;
  /** Where the last safely processed seq is kept. */
  cursor: CursorStore;
  /**
   * Called once per delivery, in seq order. Resolve only when the delivery is safe (stored
   * durably); the client then saves the cursor and acknowledges. Throw when it could not be made
   * safe: the client reconnects and the hub sends it again.
   */
  onDelivery: (delivery: V2Deliver) => void | Promise<void>;
  onEvent?: (event: ClientEvent) => void;
  clock?: Clock;
  random?: () => number;
  createSocket?: SocketFactory;
  backoff?: Partial<BackoffPolicy>;
  /** Least wait after the hub rejected the credential. Default 60 s. */
  reauthenticateDelayMs?: number;
  /** Wait after a "do not reconnect" close (e.g. replaced by another device). Default 5 min. */
  haltedRetryMs?: number;
  /** A connection not welcomed within this time is abandoned. Default 15 s. */
  connectTimeoutMs?: number;
  /** How often the heartbeat deadline and the wall clock are checked. Default 2 s. */
  watchdogMs?: number;
  /** A wall-clock jump beyond the watchdog period by more than this means the machine slept. Default 15 s. */
  clockJumpMs?: number;
  client?: { name: string; version: string };
}

/** A status to report, as {@link SofiaClient.sendStatus} takes it. */
export interface StatusInput {
  reportId: string;
  status: ClientReportStatus;
  reason?: string;
  target?: TargetRef;
  /** Makes resends idempotent; default: `<report id>:<status>`. */
  statusId?: string;
}

/**
 * A client of Sofia Bridge protocol v2 (docs/protocol-v2.md) for Bun, Node and browsers. It
 * connects, authenticates with the persisted cursor, hands each delivery to the application exactly
 * once and in order, acknowledges it once the application says it is safe, and reconnects forever:
 * full-jitter backoff reset only after a stable period, slow retries after a credential rejection,
 * an immediate reconnect when the hub goes silent or the machine wakes from sleep.
 */
export class SofiaClient {
  private readonly clock: Clock;
  private readonly backoff: Backoff;
  private socket: WebSocketLike | null = null;
  private generation = 0;
  private handled = 0;
  /** The cursor sent in the current connection's `auth`. */
  private authCursor = 0;
  private heartbeatMs = HEARTBEAT_INTERVAL_MS;
  private lastHeard = 0;
  private lastTick = 0;
  private current: ClientState = "idle";
  private retryTimer: TimerHandle | null = null;
  private connectTimer: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly statuses = new Map<string, { message: V2Status; resolve: () => void; reject: (e: Error) => void }>();

  constructor(private readonly options: SofiaClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.backoff = new Backoff({ ...DEFAULT_BACKOFF, ...options.backoff }, options.random ?? Math.random);
  }

  /** Where the client is now. */
  get state(): ClientState {
    return this.current;
  }

  /** The seq of the last delivery the application made safe. */
  get cursor(): number {
    return this.handled;
  }

  /** Loads the cursor and starts connecting. */
  async start(): Promise<void> {
    this.handled = await this.options.cursor.load();
    this.lastTick = this.clock.now();
    this.tick();
    this.connect();
  }

  /** Closes the connection and stops reconnecting. Unconfirmed statuses are rejected. */
  stop(): void {
    this.setState("stopped");
    this.generation++;
    this.retryTimer?.cancel();
    this.connectTimer?.cancel();
    this.watchdog?.cancel();
    this.socket?.close(1000, "client stopped");
    this.socket = null;
    for (const pending of this.statuses.values()) pending.reject(new Error("client stopped"));
    this.statuses.clear();
  }

  /** Drops the current connection (if any) and connects again at once, e.g. after a settings change. */
  reconnectNow(reason: string): void {
    if (this.current === "stopped") return;
    this.generation++;
    this.retryTimer?.cancel();
    this.connectTimer?.cancel();
    this.socket?.close(4000, reason.slice(0, 100));
    this.socket = null;
    this.connect();
  }

  /**
   * Reports what became of a report. Resolves when the hub has durably recorded it; until then it
   * is resent on every (re)connection.
   */
  sendStatus(input: StatusInput): Promise<void> {
    const message: V2Status = {
      type: "status",
      status_id: input.statusId ?? `${input.reportId}:${input.status}`,
      report_id: input.reportId,
      status: input.status,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      ...(input.target !== undefined ? { target: input.target } : {}),
    };
    return new Promise((resolve, reject) => {
      this.statuses.set(message.status_id, { message, resolve, reject });
      if (this.current === "connected") this.write(message);
    });
  }

  private connect(): void {
    const generation = ++this.generation;
    this.setState("connecting");
    let socket: WebSocketLike;
    try {
      socket = (this.options.createSocket ?? defaultSocketFactory)(this.options.url());
    } catch (error) {
      this.emit({ type: "error", message: `cannot open a socket: ${String(error)}` });
      this.closed(generation, 1006, "invalid endpoint");
      return;
    }
    this.socket = socket;
    this.connectTimer = this.clock.setTimeout(() => {
      socket.close(4000, "connect timeout");
      this.closed(generation, 1006, "no welcome within the connect timeout");
    }, this.options.connectTimeoutMs ?? 15_000);
    socket.onopen = () => {
      if (generation !== this.generation) return;
      this.authCursor = this.handled;
      const auth: V2ClientMessage = { type: "auth", credential: this.options.credential(), cursor: this.authCursor };
      this.write(this.options.client ? { ...auth, client: this.options.client } : auth);
    };
    socket.onmessage = (event) => this.received(generation, event.data);
    socket.onclose = (event) => this.closed(generation, event.code, event.reason);
    socket.onerror = () => {};
  }

  private received(generation: number, data: unknown): void {
    if (generation !== this.generation) return;
    this.lastHeard = this.clock.now();
    const parsed = typeof data === "string" ? safeParse(data) : null;
    if (!parsed) {
      this.emit({ type: "error", message: "the hub sent a frame that is not a v2 message" });
      this.reconnectNow("invalid frame from hub");
      return;
    }
    switch (parsed.type) {
      case "welcome":
        this.welcomed(parsed);
        break;
      case "deliver":
        this.queue = this.queue.then(() => this.process(generation, parsed));
        break;
      case "ping":
        this.write({ type: "pong", ts: parsed.ts });
        break;
      case "status_ack":
        this.statuses.get(parsed.status_id)?.resolve();
        this.statuses.delete(parsed.status_id);
        break;
      case "error":
        this.emit({ type: "error", message: `${parsed.code}: ${parsed.message}` });
        break;
      case "hi":
        this.emit({ type: "hi", message: parsed.message });
        break;
      case "pong":
        break;
    }
  }

  private welcomed(welcome: V2Welcome): void {
    this.connectTimer?.cancel();
    this.heartbeatMs = welcome.heartbeat_ms;
    this.backoff.connected(this.clock.now());
    // The hub resumes from at least the cursor we sent, unless its history was reset: then its
    // word is taken and those items are handled again (duplicates beat loss). Ahead of our cursor,
    // another device of the same recipient handled the items in between. Items we handled while
    // this connection was opening are simply resent; process() skips and re-acknowledges them.
    const authCursor = this.authCursor;
    this.queue = this.queue.then(async () => {
      const resumeFrom = welcome.resume_from;
      if (resumeFrom < authCursor) {
        this.emit({
          type: "error",
          message: `hub resumes at ${resumeFrom}, behind our cursor ${authCursor}: was it reset?`,
        });
      } else if (resumeFrom <= this.handled) {
        return;
      }
      await this.options.cursor.save(resumeFrom);
      this.handled = resumeFrom;
    });
    this.setState("connected");
    this.emit({ type: "welcome", welcome });
    for (const pending of this.statuses.values()) this.write(pending.message);
  }

  private async process(generation: number, delivery: V2Deliver): Promise<void> {
    // Already handled (a resend after a reconnect): acknowledge it again, but only up to this seq,
    // which is all this connection has been sent so far.
    if (delivery.seq <= this.handled) {
      this.ack(generation, delivery.seq);
      return;
    }
    if (delivery.seq !== this.handled + 1) {
      this.emit({ type: "error", message: `gap: expected seq ${this.handled + 1}, got ${delivery.seq}` });
      if (generation === this.generation) this.reconnectNow("sequence gap");
      return;
    }
    try {
      await this.options.onDelivery(delivery);
      await this.options.cursor.save(delivery.seq);
    } catch (error) {
      this.emit({ type: "error", message: `delivery ${delivery.seq} not made safe: ${String(error)}` });
      if (generation === this.generation) this.socket?.close(4000, "delivery not made safe");
      return;
    }
    this.handled = delivery.seq;
    this.ack(generation, delivery.seq);
  }

  private ack(generation: number, seq: number): void {
    if (generation === this.generation && seq > 0) this.write({ type: "ack", seq });
  }

  private closed(generation: number, code: number, reason: string): void {
    if (generation !== this.generation || this.current === "stopped") return;
    this.generation++;
    this.connectTimer?.cancel();
    this.socket = null;
    const advice = adviseOnV2Close(code);
    const backoff = this.backoff.nextDelay(this.clock.now());
    const delay =
      advice === "give_up"
        ? (this.options.haltedRetryMs ?? 300_000)
        : advice === "reauthenticate"
          ? Math.max(this.options.reauthenticateDelayMs ?? 60_000, backoff)
          : backoff;
    this.emit({ type: "closed", code, reason, advice, retryInMs: delay });
    this.setState(advice === "give_up" ? "halted" : "waiting");
    this.retryTimer = this.clock.setTimeout(() => this.connect(), delay);
  }

  /** The watchdog: heartbeat deadline and wall-clock jumps, checked every `watchdogMs`. */
  private tick(): void {
    const period = this.options.watchdogMs ?? 2000;
    this.watchdog = this.clock.setTimeout(() => {
      const now = this.clock.now();
      const jump = now - this.lastTick - period;
      this.lastTick = now;
      if (jump > (this.options.clockJumpMs ?? 15_000)) {
        // Timers were frozen while the machine slept: the socket is most likely dead, and the
        // network may have changed. Do not wait for the heartbeat deadline.
        this.emit({ type: "clock_jump", jumpMs: jump });
        this.reconnectNow("wall clock jumped (sleep)");
      } else if (this.current === "connected" && now - this.lastHeard > this.heartbeatMs + HEARTBEAT_TIMEOUT_MS) {
        this.emit({ type: "error", message: "the hub went silent (no ping within the heartbeat deadline)" });
        this.reconnectNow("heartbeat deadline");
      }
      this.tick();
    }, period);
  }

  private write(message: V2ClientMessage): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(state: ClientState): void {
    if (this.current === state) return;
    this.current = state;
    this.emit({ type: "state", state });
  }

  private emit(event: ClientEvent): void {
    this.options.onEvent?.(event);
  }
}

function safeParse(text: string): V2ServerMessage | null {
  try {
    const parsed = V2ServerMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
