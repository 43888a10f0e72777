import type { Clock, SocketFactory, SofiaClientOptions, WebSocketLike } from "@sofia/client";
import type { Logger } from "@sofia/runtime/log";
import type { Journal } from "../journal/journal.ts";
import type { EndpointRotation } from "./endpoint-rotation.ts";
import type { StatusBoard } from "./status-board.ts";

/** A live connection to the configured endpoints, in one protocol. */
export interface Link {
  start(): Promise<void>;
  stop(): void;
  /** Drops the connection and connects again at once (the endpoint list changed). */
  reconnectNow(reason: string): void;
  /** Sends statuses the journal has queued for the hub (v2; a no-op for v1). */
  flushStatuses(): void;
}

/** The timing options of `SofiaClient`; the v1 link honours them too, with the same defaults. */
export type ClientTuning = Pick<
  SofiaClientOptions,
  "backoff" | "reauthenticateDelayMs" | "haltedRetryMs" | "connectTimeoutMs" | "watchdogMs" | "clockJumpMs"
>;

/** Timing knobs of the connection; the defaults follow docs/protocol-v2.md. Tests shorten them. */
export interface ConnectionTuning extends ClientTuning {
  /** v1 only: how often to send `ping`. Default 30 s (the spec's recommendation). */
  v1PingMs?: number;
}

/** What every link needs. */
export interface LinkDeps {
  journal: Journal;
  credential: string;
  rotation: EndpointRotation;
  board: StatusBoard;
  clock: Clock;
  log: Logger;
  /** Called after each newly journaled report, to start processing it. */
  onJournaled: () => void;
  createSocket: SocketFactory;
  random: () => number;
  tuning: ConnectionTuning;
}

/** Wraps a socket factory so every frame from the hub stamps the heartbeat on the status board. */
export function observedSockets(create: SocketFactory, heard: () => void): SocketFactory {
  return (url) => {
    const socket = create(url);
    const wrapper: WebSocketLike = {
      get readyState() {
        return socket.readyState;
      },
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      send: (data) => socket.send(data),
      close: (code, reason) => socket.close(code, reason),
    };
    socket.onopen = (event) => wrapper.onopen?.(event);
    socket.onmessage = (event) => {
      heard();
      wrapper.onmessage?.(event);
    };
    socket.onclose = (event) => wrapper.onclose?.(event);
    socket.onerror = (event) => wrapper.onerror?.(event);
    return wrapper;
  };
}
