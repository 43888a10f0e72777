import type { TimerHandle } from "@sofia/client";
import type { LinkDeps } from "./link.ts";

/** What the keepalive reads from and does to its v1 link. */
export interface V1KeepaliveHooks {
  stopped(): boolean;
  connected(): boolean;
  /** When the last frame arrived from the endpoint. */
  lastHeard(): number;
  /** Sends `ping` if the socket is open; returns whether it was sent. */
  ping(): boolean;
  reconnect(reason: string): void;
}

/**
 * The v1 link's watchdog, ticking every `watchdogMs`: sends `ping` every `v1PingMs` (30 s, the
 * spec's recommendation), reconnects when nothing was heard for a ping period plus 20 s, and
 * reconnects at once after a wall-clock jump. Timers are frozen while the machine sleeps, so a tick
 * that comes much later than scheduled means it slept: the socket is most likely dead, and the
 * network may have changed. Returns the handle that stops it.
 */
export function startV1Keepalive(
  deps: Pick<LinkDeps, "clock" | "tuning" | "log">,
  hooks: V1KeepaliveHooks,
): TimerHandle {
  const { clock, tuning, log } = deps;
  const period = tuning.watchdogMs ?? 2000;
  const pingEvery = tuning.v1PingMs ?? 30_000;
  let lastTick = clock.now();
  let sincePing = 0;
  let timer: TimerHandle;
  const tick = () => {
    if (hooks.stopped()) return;
    const now = clock.now();
    const jump = now - lastTick - period;
    lastTick = now;
    sincePing += period;
    const connected = hooks.connected();
    if (jump > (tuning.clockJumpMs ?? 15_000)) {
      log.info("wall clock jumped (sleep or hibernate): reconnecting", { jump_ms: jump });
      hooks.reconnect("wall clock jumped");
    } else if (connected && now - hooks.lastHeard() > pingEvery + 20_000) {
      log.warn("the endpoint went silent: reconnecting");
      hooks.reconnect("no pong");
    } else if (connected && sincePing >= pingEvery && hooks.ping()) {
      sincePing = 0;
    }
    timer = clock.setTimeout(tick, period);
  };
  timer = clock.setTimeout(tick, period);
  return { cancel: () => timer.cancel() };
}
