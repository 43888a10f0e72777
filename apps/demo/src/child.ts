import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** How long a child has to end after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * One supervised child process (the hub, the sandbox or the agent). Its output goes to a log file,
 * not to the terminal, so the launcher's banner stays readable; the last lines are kept to explain
 * a failed start. `line()` waits for a line its program prints once it is listening.
 */
export class Child {
  readonly exited: Promise<number>;
  private readonly tail: string[] = [];
  private readonly waiters = new Set<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }>();
  private exitCode: number | null = null;

  private constructor(
    readonly name: string,
    private readonly process: Bun.Subprocess<"ignore", "pipe", "pipe">,
    private readonly logFile: string,
  ) {
    const out = this.pump(process.stdout);
    const err = this.pump(process.stderr);
    this.exited = process.exited.then(async (code) => {
      await Promise.all([out, err]);
      this.exitCode = code;
      return code;
    });
  }

  /** Starts `argv` with its output appended to `logFile`. */
  static start(name: string, argv: string[], logFile: string, env: Record<string, string | undefined>): Child {
    mkdirSync(dirname(logFile), { recursive: true });
    writeFileSync(logFile, "");
    const child = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe", env });
    return new Child(name, child, logFile);
  }

  get pid(): number {
    return this.process.pid;
  }

  /** The last lines it printed, to explain why it stopped. */
  lastLines(): string {
    return this.tail.slice(-12).join("\n");
  }

  /** Waits for a line matching `pattern`; fails if the child exits first or `timeoutMs` passes. */
  async line(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const seen = this.tail.map((l) => pattern.exec(l)).find((m) => m !== null);
    if (seen) return seen;
    let waiter: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        new Promise<RegExpMatchArray>((resolve) => {
          waiter = { pattern, resolve };
          this.waiters.add(waiter);
        }),
        this.exited.then((code) => Promise.reject(this.failure(`stopped (exit code ${code})`))),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(this.failure(`did not start within ${timeoutMs / 1000} s`)), timeoutMs);
        }),
      ]);
    } finally {
      if (waiter) this.waiters.delete(waiter);
      clearTimeout(timer);
    }
  }

  /** SIGTERM (each program then ends cleanly), SIGKILL if it has not ended within the grace time. */
  async stop(): Promise<number> {
    if (this.exitCode !== null) return this.exitCode;
    this.process.kill("SIGTERM");
    const timer = setTimeout(() => this.process.kill("SIGKILL"), STOP_GRACE_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private failure(what: string): Error {
    return new Error(`${this.name} ${what}. Its last lines (all in ${this.logFile}):\n${this.lastLines()}`);
  }

  private async pump(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let pending = "";
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      appendFileSync(this.logFile, text);
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) this.heard(line);
    }
    if (pending) this.heard(pending);
  }

  private heard(line: string): void {
    this.tail.push(line);
    if (this.tail.length > 200) this.tail.shift();
    for (const w of this.waiters) {
      const match = w.pattern.exec(line);
      if (match) w.resolve(match);
    }
  }
}
