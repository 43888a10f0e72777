import type { Clock, TimerHandle } from "@sofia/runtime/clock";
import { errorCode, type Logger } from "@sofia/runtime/log";
import type { ConnectionRegistry } from "../delivery/connection-registry.ts";
import type { EndReason, LiveConnection, SendOutcome, UserNotice } from "../delivery/live-connection.ts";
import type { ConnectionKind } from "../metrics/labels.ts";
import type { MailboxItem } from "../store/records.ts";
import { COMPRESS_ABOVE_BYTES } from "./compression.ts";
import { type SocketPort, sendOutcome } from "./socket-port.ts";

/** Where a socket is in its life. */
export type SessionState = "awaiting_auth" | "authenticating" | "open" | "closed";

/** How a protocol ends a session for each reason: its close code and what the client is told. */
export type Endings = Readonly<Record<EndReason, { code: number; message: string }>>;

/**
 * What every WebSocket session shares, whatever its protocol: the auth deadline, taking a slot in
 * the registry once authenticated, sending with backpressure tracking, ending with an error frame
 * followed by a close — and one serial, awaited path for everything the client sends, with one
 * place that catches. A failure anywhere on it (the store refusing an ack, say) is logged with
 * its code and ends the session with the protocol's "failed" close (1011); the client reconnects
 * and resumes from its durable cursor, so nothing is lost.
 */
export abstract class Session implements LiveConnection {
  slot = "";
  recipient = "";
  credentialId = "";
  kind: ConnectionKind | null = null;
  backpressured = false;
  protected state: SessionState = "awaiting_auth";
  /** Set until the session is authenticated or closed, then dropped (an idle session keeps no timer). */
  private authTimer: TimerHandle | null = null;
  /** The last task queued by {@link serially}; `null` when none is pending (an idle session keeps no promise). */
  private path: Promise<void> | null = null;

  protected constructor(
    readonly id: string,
    protected readonly socket: SocketPort,
    protected readonly registry: ConnectionRegistry,
    protected readonly log: Logger,
    private readonly endings: Endings,
  ) {}

  /** Handles one frame from the client. Never throws. */
  abstract received(frame: string | Uint8Array): void;
  /** Delivers what is waiting for this connection (`stored`: the item just committed, if known). */
  abstract wake(stored?: MailboxItem): void;

  /** Notices are for care-team users' connections; a session that has none ignores them. */
  notice(_notice: UserNotice): void {}
  /** The protocol's error frame for `code` and `message`. */
  protected abstract errorFrame(code: number, message: string): string;

  /** Starts the auth deadline: no successful auth within `ms`, and the session ends with `code`. */
  protected armAuthDeadline(clock: Clock, ms: number, code: number, message: string): void {
    this.authTimer = clock.setTimeout(() => this.fail(code, message), ms);
  }

  /**
   * Runs `task` after every task queued before it has finished, so a session's frames are handled
   * one at a time and in order. Its errors end the session (see the class comment).
   */
  protected serially(task: () => unknown): void {
    const tail: Promise<void> = (this.path ?? Promise.resolve()).then(async () => {
      try {
        await task();
      } catch (error) {
        this.failed(error);
      } finally {
        // Nothing was queued after this task: the chain is done.
        if (this.path === tail) this.path = null;
      }
    });
    this.path = tail;
  }

  /** Ends the session after a failure it cannot recover from, saying so in the log with the error's code. */
  failed(error: unknown): void {
    if (this.state === "closed") return;
    this.log.error("session failed; closing it so the client resumes", {
      connection: this.id,
      consumer: this.slot || null,
      code: errorCode(error) ?? "unknown",
      error: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200),
    });
    this.end("failed");
  }

  /** Marks the session authenticated and takes its slot (ending an older holder). */
  protected admit(slot: string, recipient: string, credentialId: string, kind: ConnectionKind): void {
    this.cancelAuthDeadline();
    this.kind = kind;
    this.state = "open";
    this.slot = slot;
    this.recipient = recipient;
    this.credentialId = credentialId;
    this.registry.attach(this);
  }

  /** The socket closed (from either side). */
  closed(_code: number): void {
    this.state = "closed";
    this.cancelAuthDeadline();
    this.registry.detach(this);
  }

  private cancelAuthDeadline(): void {
    this.authTimer?.cancel();
    this.authTimer = null;
  }

  /** The socket's send buffer drained: resume delivery. */
  drained(): void {
    this.backpressured = false;
    this.wake();
  }

  greet(message: string): SendOutcome {
    return this.send(JSON.stringify({ type: "hi", message }));
  }

  send(text: string): SendOutcome {
    if (this.state !== "open") return "dropped";
    const outcome = sendOutcome(this.socket.send(text, text.length >= COMPRESS_ABOVE_BYTES));
    if (outcome === "queued") this.backpressured = true;
    return outcome;
  }

  end(reason: EndReason): void {
    const ending = this.endings[reason];
    this.fail(ending.code, ending.message);
  }

  /** True while authenticated and not closed. */
  get open(): boolean {
    return this.state === "open";
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
