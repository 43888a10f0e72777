/**
 * The three servers under test, each a child process of its own (so its memory is its own and
 * the hub can be SIGKILLed): our hub (`sofia-hub serve`), the Socket.IO 4 peer on Node, and the
 * in-memory Bun ceiling. Each prints `listening on http://…` once it accepts connections; their
 * logs go to a file next to the run's data so that a full pipe never stalls them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readUntil } from "@sofia/testing";

/** Which server: our hub, the Socket.IO peer, the in-memory ceiling. */
export type TargetKind = "hub" | "socketio" | "ceiling";

/** A running server. */
export interface Target {
  kind: TargetKind;
  url: string;
  port: number;
  pid: number;
  /** Resident memory of the server process, in KiB (from /proc). */
  rssKiB(): number;
  /** CPU time the server process (all its threads) has used so far, in ms (from /proc). */
  cpuMs(): number;
  /** SIGKILL: the process dies with whatever it had not written. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dir, "..", "..");
/** Linux's USER_HZ, the unit of /proc/PID/stat's CPU times: 100 on every architecture Bun runs on. */
const TICKS_PER_SECOND = 100;
const BUN = process.execPath;

/** Where each server's logs go, and what it needs. */
export interface StartOptions {
  /** Hub: its data directory. Peers: where their log goes. */
  dataDir: string;
  /** The fixture's secrets (peers accept the same doctor keys and producer token). */
  secretsFile: string;
  /** Bytes of a delivery frame's data the peers pad to, so every target sends the same frame size. */
  frameBytes: number;
  /** A fixed port (the reconnect storm restarts the hub on the same one); default any free one. */
  port?: number;
}

function command(kind: TargetKind, o: StartOptions): string[] {
  const port = String(o.port ?? 0);
  // BENCH_PROFILE_DIR=DIR: the hub writes a CPU profile (Markdown) there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ["--cpu-prof-md", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  if (kind === "hub")
    return [
      BUN,
      ...profile,
      join(ROOT, "apps/hub/src/main.ts"),
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      port,
      "--data-dir",
      o.dataDir,
    ];
  const args = [port, o.secretsFile, String(o.frameBytes)];
  if (kind === "ceiling") return [BUN, join(import.meta.dir, "ceiling-server.ts"), ...args];
  return ["node", join(import.meta.dir, "socketio-server.mjs"), ...args];
}

/** Starts a server and waits until it listens. */
export async function startTarget(kind: TargetKind, o: StartOptions): Promise<Target> {
  const proc = Bun.spawn(command(kind, o), {
    cwd: ROOT,
    env: { ...process.env, SOFIA_SIGNING_SECRET: "bench-signing-secret-0123456789abcdef0123" },
    stdin: "ignore",
    stdout: "pipe",
    stderr: Bun.file(join(o.dataDir, `${kind}.log`)),
  });
  const banner = await readUntil(proc.stdout, /listening on (http:\/\/\S+)/, 30_000);
  // Keep reading so the child never blocks on a full pipe.
  const reader = proc.stdout.getReader();
  (async () => {
    while (!(await reader.read()).done);
  })().catch(() => undefined);
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? "";
  const pid = proc.pid;
  const exit = async (signal: "SIGKILL" | "SIGTERM") => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await proc.exited;
  };
  return {
    kind,
    url,
    port: Number(new URL(url).port),
    pid,
    cpuMs: () => {
      // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system ticks.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    },
    rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0),
    kill: () => exit("SIGKILL"),
    stop: () => exit("SIGTERM"),
  };
}
