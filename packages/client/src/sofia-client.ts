import {
  adviseOnV2Close,
  CAPABILITY_REVISION,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
  parseV2ServerFrame,
  REVISION_0_EVENTS,
  type V2ClientMessage,
  type V2ServerMessage,
  type V2Welcome,
} from "@sofia/protocol";
import { Backoff, DEFAULT_BACKOFF } from "./backoff.ts";
import { type Clock, systemClock, type TimerHandle } from "./clock.ts";
import type { ClientEvent, ClientState } from "./events.ts";
import type { SofiaClientOptions, StatusInput } from "./options.ts";
import { defaultSocketFactory, OPEN, type WebSocketLike } from "./socket.ts";
import { StatusOutbox } from "./status-outbox.ts";
import { TokenRenewal } from "./token-renewal.ts";
import type { UserRequest } from "./user-messages.ts";

/** Deliveries handled before an acknowledgement is sent even though more are waiting. */
const ACK_EVERY = 32;

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
  /** Deliveries received but not yet processed. */
  private queued = 0;
  /** The highest seq of this connection that is safe and may be acknowledged, and the last one that was. */
  private ackable = 0;
  private acked = 0;
  private readonly statuses = new StatusOutbox();

  private readonly renewal: TokenRenewal | null;

  constructor(private readonly options: SofiaClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.renewal = options.renewToken
      ? new TokenRenewal(
          options.renewToken,
          (token) => this.request({ type: "refresh", token }),
          this.clock,
          (error) => this.emit({ type: "error", message: `token renewal failed: ${String(error)}` }),
        )
      : null;
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
    this.renewal?.stop();
    this.generation++;
    this.retryTimer?.cancel();
    this.connectTimer?.cancel();
    this.watchdog?.cancel();
    this.socket?.close(1000, "client stopped");
    this.socket = null;
    this.statuses.rejectAll(new Error("client stopped"));
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
    const { message, confirmed } = this.statuses.add(input);
    if (this.current === "connected") this.write(message);
    return confirmed;
  }

  /**
   * Sends a care-team user's request (`mark_read`, `inbox`, `refresh`) if connected; the answer
   * comes to `onUserMessage`. Returns whether it was sent.
   */
  request(message: UserRequest): boolean {
    if (this.current !== "connected") return false;
    this.write(message);
    return true;
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
      this.ackable = 0;
      this.acked = 0;
      const auth: V2ClientMessage = {
        type: "auth",
        credential: this.options.credential(),
        cursor: this.authCursor,
        ...(this.options.device !== undefined ? { device: this.options.device } : {}),
        capabilities: { revision: CAPABILITY_REVISION, events: [...(this.options.events ?? REVISION_0_EVENTS)] },
      };
      this.write(this.options.client ? { ...auth, client: this.options.client } : auth);
    };
    socket.onmessage = (event) => this.received(generation, event.data);
    socket.onclose = (event) => this.closed(generation, event.code, event.reason);
    socket.onerror = () => {};
  }

  private received(generation: number, data: unknown): void {
    if (generation !== this.generation) return;
    this.lastHeard = this.clock.now();
    const frame = typeof data === "string" ? parseV2ServerFrame(data) : { kind: "invalid" as const, reason: "binary" };
    switch (frame.kind) {
      case "invalid":
        this.emit({ type: "error", message: `the hub sent a frame that is not a v2 message (${frame.reason})` });
        this.reconnectNow("invalid frame from hub");
        return;
      case "unknown_type":
        // A newer hub's message: nothing this client must act on, by the protocol's rule.
        this.emit({ type: "unknown_message", messageType: frame.type });
        return;
      case "unreadable_delivery":
        this.emit({ type: "error", message: `delivery ${frame.delivery.seq} unreadable: ${frame.reason}` });
        this.enqueue(generation, frame.delivery.seq, () => this.options.onUnreadable?.(frame.delivery, frame.reason));
        return;
      case "message":
        this.handle(generation, frame.message);
        return;
    }
  }

  private handle(generation: number, message: V2ServerMessage): void {
    switch (message.type) {
      case "welcome":
        this.welcomed(message);
        break;
      case "deliver":
        this.enqueue(generation, message.seq, () => this.options.onDelivery(message));
        break;
      case "ping":
        this.write({ type: "pong", ts: message.ts });
        break;
      case "status_ack":
        this.statuses.confirmed(message.status_id);
        break;
      case "error":
        this.emit({ type: "error", message: `${message.code}: ${message.message}` });
        break;
      case "hi":
        this.emit({ type: "hi", message: message.message });
        break;
      case "pong":
        break;
      case "read":
      case "inbox":
      case "presence":
      case "refreshed":
        this.renewal?.message(message);
        this.options.onUserMessage?.(message);
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
    this.renewal?.welcomed(welcome);
    this.emit({ type: "welcome", welcome });
    for (const message of this.statuses.unconfirmed()) this.write(message);
  }

  /** Queues a delivery's handling behind the ones before it: the application sees them in seq order. */
  private enqueue(generation: number, seq: number, handle: () => unknown): void {
    this.queued++;
    this.queue = this.queue
      .then(() => this.process(generation, seq, handle))
      .finally(() => {
        this.queued--;
        this.flushAck(generation);
      });
  }

  private async process(generation: number, seq: number, handle: () => unknown): Promise<void> {
    // Already handled (a resend after a reconnect): acknowledge it again, but only up to this seq,
    // which is all this connection has been sent so far. A seq beyond the next is not a loss: the
    // hub skips deliveries of events this client did not announce (capability revision 1).
    if (seq > this.handled) {
      try {
        await handle();
        await this.options.cursor.save(seq);
      } catch (error) {
        this.emit({ type: "error", message: `delivery ${seq} not made safe: ${String(error)}` });
        if (generation === this.generation) this.socket?.close(4000, "delivery not made safe");
        return;
      }
      this.handled = seq;
    }
    if (generation === this.generation) this.ackable = Math.max(this.ackable, seq);
  }

  /**
   * Acknowledges what is safe, batched: once the deliveries already received are all handled, or
   * every {@link ACK_EVERY} deliveries so the hub's window never runs dry during a long backlog.
   */
  private flushAck(generation: number): void {
    if (generation !== this.generation || this.ackable <= this.acked) return;
    if (this.queued > 0 && this.ackable - this.acked < ACK_EVERY) return;
    this.acked = this.ackable;
    this.write({ type: "ack", seq: this.ackable });
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
