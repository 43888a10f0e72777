import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/** Size and count of the log files. */
export interface RotationPolicy {
  /** A file is rotated once it reaches this size. Default 5 MiB. */
  maxBytes: number;
  /** Rotated files kept (`agent.log.1` … `agent.log.N`). Default 5. */
  keep: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { maxBytes: 5 * 1024 * 1024, keep: 5 };

/** The current log file in `dir`. */
export function logFile(dir: string): string {
  return join(dir, "agent.log");
}

/**
 * Appends lines to `<dir>/agent.log`, rotating by size: `agent.log` → `agent.log.1` → … and the
 * oldest beyond `keep` is deleted, so logs never fill a clinic PC's disk. Writes are synchronous
 * appends: a crash loses no line written before it. A failing disk never crashes the agent.
 */
export class RotatingFile {
  private size: number;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly policy: RotationPolicy = DEFAULT_ROTATION,
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = logFile(dir);
    this.size = existsSync(this.file) ? statSync(this.file).size : 0;
  }

  /** Appends one line (a newline is added). */
  write(line: string): void {
    const bytes = Buffer.byteLength(line) + 1;
    try {
      if (this.size > 0 && this.size + bytes > this.policy.maxBytes) this.rotate();
      appendFileSync(this.file, `${line}\n`, { mode: 0o640 });
      this.size += bytes;
    } catch {
      // Logging must never take the agent down (full disk, antivirus lock); the line is lost.
    }
  }

  private rotate(): void {
    rmSync(`${this.file}.${this.policy.keep}`, { force: true });
    for (let i = this.policy.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    if (this.policy.keep > 0) renameSync(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
    this.size = 0;
  }
}
