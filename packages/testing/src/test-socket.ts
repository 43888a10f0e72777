/** A frame the test client received. */
export type Received = { text: string; json: unknown };

/**
 * A WebSocket client for tests: queues every frame so tests can `await next()` in order, and
 * exposes the close event as a promise. Waits time out so a broken hub fails a test, never hangs it.
 */
export class TestSocket {
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly queue: Received[] = [];
  private waiters: ((r: Received) => void)[] = [];
  private readonly socket: WebSocket;

  private constructor(url: string, headers?: Record<string, string>) {
    // Bun's WebSocket takes handshake headers, e.g. the `Origin` a browser page would send.
    this.socket = headers ? new WebSocket(url, { headers }) : new WebSocket(url);
    this.socket.binaryType = "arraybuffer";
    this.socket.addEventListener("message", (event) => {
      const text = event.data instanceof ArrayBuffer ? new TextDecoder().decode(event.data) : String(event.data);
      const frame = { text, json: safeJson(text) };
      const waiter = this.waiters.shift();
      if (waiter) waiter(frame);
      else this.queue.push(frame);
    });
    this.closed = new Promise((resolve) =>
      this.socket.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })),
    );
  }

  /** Opens a socket (with extra handshake `headers`) and waits until it is connected. */
  static async open(url: string, headers?: Record<string, string>): Promise<TestSocket> {
    const client = new TestSocket(url, headers);
    await new Promise<void>((resolve, reject) => {
      client.socket.addEventListener("open", () => resolve());
      client.socket.addEventListener("error", () => reject(new Error(`could not connect to ${url}`)));
    });
    return client;
  }

  /** Opens a socket and authenticates with `doctorKey` (spec's auth message). */
  static async authenticated(url: string, doctorKey: string): Promise<TestSocket> {
    const client = await TestSocket.open(url);
    client.send(JSON.stringify({ doctor_key: doctorKey }));
    // A ping round trip proves the auth message was processed before the test goes on.
    await client.roundTrip();
    return client;
  }

  send(data: string | Uint8Array): void {
    this.socket.send(data);
  }

  /** Sends `ping` and waits for its `pong`, skipping nothing: frames before it stay queued. */
  async roundTrip(): Promise<void> {
    this.send("ping");
    const seen: Received[] = [];
    for (;;) {
      const frame = await this.next();
      if (frame.text === "pong") break;
      seen.push(frame);
    }
    this.queue.unshift(...seen);
  }

  /**
   * Sends a v2 `ping` and waits for its `pong`, keeping frames received before it queued: proves
   * every earlier frame was processed by the hub.
   */
  async roundTripV2(): Promise<void> {
    this.send(JSON.stringify({ type: "ping" }));
    const seen: Received[] = [];
    for (;;) {
      const frame = await this.next();
      const json = frame.json;
      if (typeof json === "object" && json !== null && "type" in json && json.type === "pong") break;
      seen.push(frame);
    }
    this.queue.unshift(...seen);
  }

  /** The next frame, or an error after `timeoutMs`. */
  next(timeoutMs = 3000): Promise<Received> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no frame within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (r: Received) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.waiters.push(waiter);
    });
  }

  /** Frames received and not yet taken. */
  get buffered(): number {
    return this.queue.length;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  close(code = 1000): void {
    this.socket.close(code);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Resolves with the close event, or rejects after `ms`. */
export function closedWithin(socket: TestSocket, ms: number): Promise<{ code: number; reason: string }> {
  return Promise.race([
    socket.closed,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms)),
  ]);
}
