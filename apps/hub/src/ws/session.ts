import type { Clock, TimerHandle } from "../clock.ts";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import type { EndReason, LiveConnection, SendOutcome } from "../delivery/live-connection.ts";
import { type SocketPort, sendOutcome } from "./socket-port.ts";

/** Where a socket is in its life. */
export type SessionState = "awaiting_auth" | "authenticating" | "open" | "closed";

/** How a protocol ends a session for each reason: its close code and what the client is told. */
export type Endings = Readonly<Record<EndReason, { code: number; message: string }>>;

/**
 * What every WebSocket session shares, whatever its protocol: the auth deadline, taking a slot in
 * the registry once authenticated, sending with backpressure tracking, and ending with an error
 * frame followed by a close. Protocols supply their frames, codes and message handling.
 */
export abstract class Session implements LiveConnection {
  slot = "";
  doctorId = "";
  credentialId = "";
  backpressured = false;
  protected state: SessionState = "awaiting_auth";
  private authTimer: TimerHandle | null = null;

  protected constructor(
    readonly id: string,
    protected readonly socket: SocketPort,
    protected readonly registry: ConnectionRegistry,
    private readonly endings: Endings,
  ) {}

  /** Handles one frame from the client. Never throws. */
  abstract received(frame: string | Uint8Array): void;
  /** Delivers what is waiting for this connection. */
  abstract wake(): void;
  /** The protocol's error frame for `code` and `message`. */
  protected abstract errorFrame(code: number, message: string): string;

  /** Starts the auth deadline: no successful auth within `ms`, and the session ends with `code`. */
  protected armAuthDeadline(clock: Clock, ms: number, code: number, message: string): void {
    this.authTimer = clock.setTimeout(() => this.fail(code, message), ms);
  }

  /** Marks the session authenticated and takes its slot (ending an older holder). */
  protected admit(slot: string, doctorId: string, credentialId: string): void {
    this.authTimer?.cancel();
    this.state = "open";
    this.slot = slot;
    this.doctorId = doctorId;
    this.credentialId = credentialId;
    this.registry.attach(this);
  }

  /** The socket closed (from either side). */
  closed(_code: number): void {
    this.state = "closed";
    this.authTimer?.cancel();
    this.registry.detach(this);
  }

  /** The socket's send buffer drained: resume delivery. */
  drained(): void {
    this.backpressured = false;
    this.wake();
  }

  send(text: string): SendOutcome {
    if (this.state !== "open") return "dropped";
    const outcome = sendOutcome(this.socket.send(text));
    if (outcome === "queued") this.backpressured = true;
    return outcome;
  }

  end(reason: EndReason): void {
    const ending = this.endings[reason];
    this.fail(ending.code, ending.message);
  }

  /** True once closed; re-read after every await, since the socket may close meanwhile. */
  protected isClosed(): boolean {
    return this.state === "closed";
  }

  /** Tells the client why, then closes with `code`. */
  protected fail(code: number, message: string): void {
    if (this.state === "closed") return;
    this.socket.send(this.errorFrame(code, message));
    this.closed(code);
    this.socket.close(code, message.slice(0, 120));
  }
}
