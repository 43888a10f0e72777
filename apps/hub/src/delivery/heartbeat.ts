import type { Clock, TimerHandle } from "../clock.ts";

/** A socket the heartbeat looks after. */
export interface Beating {
  /** Sends a ping, or ends the socket if the previous ping went unanswered. */
  beat(nowMs: number): void;
}

/**
 * The hub-owned heartbeat of v2: every `intervalMs`, each socket is pinged, and a socket that has
 * sent nothing since the previous ping (so for at least one whole interval, longer than the
 * documented 20 s pong timeout) is dropped. One timer serves every socket.
 */
export class Heartbeat {
  private timer: TimerHandle | null = null;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly sockets: () => Iterable<Beating>,
  ) {}

  start(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      const now = this.clock.now();
      for (const socket of this.sockets()) socket.beat(now);
      this.start();
    }, this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }
}
